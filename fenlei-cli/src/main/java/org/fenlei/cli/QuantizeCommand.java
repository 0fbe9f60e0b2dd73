package org.fenlei.cli;

import org.fenlei.TextClassifier;
import org.fenlei.data.ReadOptions;
import org.fenlei.eval.Evaluation;
import org.fenlei.model.WeightStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
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
                + "(--cutoff), then product-quantise them (one byte per --dsub values); or, with --weights, store "
                + "every weight matrix in half floats or 8 bits (a fine-tuned encoder's way).")
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

    @Option(names = "--weights", paramLabel = "fp16|int8", description = "Instead of product quantisation: every "
            + "weight matrix as IEEE half floats (half the size) or as bytes with a scale per row (a quarter); "
            + "biases and normalisations stay floats.")
    String weights;

    @Option(names = "--test", paramLabel = "FILE", description = "Labeled data to evaluate both models on.")
    Path test;

    @Mixin
    ReadMixin read;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ReadOptions options = Main.options(spec, () -> read.options(true));
        WeightStorage storage = Main.options(spec, this::storage);
        TextClassifier original = TextClassifier.load(model);
        TextClassifier small;
        if (storage != null) {
            original.save(output, storage);
            small = TextClassifier.load(output);
        } else {
            small = original.quantize(cutoff, dsub);
            small.save(output);
        }
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

    /** The storage --weights asks for, or null for product quantisation. */
    private WeightStorage storage() {
        if (weights == null) {
            return null;
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--cutoff") || parsed.hasMatchedOption("--dsub")) {
            throw new IllegalArgumentException("--weights stores every matrix in fewer bits; it takes no --cutoff or "
                    + "--dsub (product quantisation)");
        }
        return switch (weights) {
            case "fp16" -> WeightStorage.FLOAT16;
            case "int8" -> WeightStorage.INT8;
            default -> throw new IllegalArgumentException("--weights must be fp16 or int8, was " + weights);
        };
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.2f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
}
