package org.fenlei.cli;

import org.fenlei.TextClassifier;
import org.fenlei.data.ReadOptions;
import org.fenlei.eval.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fenlei quantize}: a smaller model file, as {@code fasttext quantize} makes a .ftz. */
@Command(name = "quantize", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compress a model as FastText.zip does: keep the embedding rows with the largest norms "
                + "(--cutoff), then product-quantise them (one byte per --dsub values).")
final class QuantizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A Fenlei model file.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the "
            + "compressed model (written atomically; the input is not changed).")
    Path output;

    @Option(names = "--cutoff", defaultValue = "0", description = "Embedding rows (words and n-gram buckets) to "
            + "keep, those with the largest norms; 0 = all. Default: ${DEFAULT-VALUE}.")
    int cutoff;

    @Option(names = "--dsub", defaultValue = "2", description = "Values per quantised sub-vector (fastText's "
            + "default). Default: ${DEFAULT-VALUE}.")
    int dsub;

    @Option(names = "--test", paramLabel = "FILE", description = "Labeled data to evaluate both models on.")
    Path test;

    @Mixin
    ReadMixin read;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ReadOptions options = Main.options(spec, () -> read.options(true));
        TextClassifier original = TextClassifier.load(model);
        TextClassifier small = original.quantize(cutoff, dsub);
        small.save(output);
        out.printf(Locale.ROOT, "%s: %s -> %s: %s, vocabulary %d -> %d%n", model, size(Files.size(model)), output,
                size(Files.size(output)), original.vocabularySize(), small.vocabularySize());
        if (test != null) {
            Evaluation before = original.evaluate(test, options);
            Evaluation after = small.evaluate(test, options);
            out.printf(Locale.ROOT, "score on %s: %.4f -> %.4f%n%n", test, before.score(), after.score());
            out.print(after.render());
        }
        out.flush();
        return 0;
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.2f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
}
