package org.fenlei.cli;

import org.fenlei.Classifier;
import org.fenlei.data.ReadOptions;
import org.fenlei.eval.Evaluation;
import org.fenlei.eval.HtmlReport;
import org.fenlei.model.AtomicFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fenlei eval}: the model's figures on a labeled file. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a model on a labeled file: accuracy, precision, recall, F1, confusion matrix, "
                + "ROC-AUC and PR-AUC (two classes), log loss, expected calibration error; MAE, RMSE and R^2 for "
                + "regression.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model file: Fenlei's, or a fastText .bin/.ftz "
            + "supervised model (give it text normalised as its training data was).")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA", description = "Labeled data (CSV, TSV, JSONL or fastText).")
    Path data;

    @Mixin
    ReadMixin read;

    @Mixin
    RuntimeMixin runtime;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as one self-contained "
            + "HTML page: per-class table (sortable), confusion matrix, reliability diagram, ROC and "
            + "precision-recall curves, the most confident mistakes (--errors), training curves.")
    Path report;

    @Option(names = "--errors", paramLabel = "N", defaultValue = "0", description = "List the N most confident "
            + "mistakes (line, true and predicted label, probability, text) in the report, the JSON and the HTML "
            + "page: where to look for wrong labels and for what the model has not learned. Default: "
            + "${DEFAULT-VALUE}.")
    int errors;

    @Option(names = "--repeat", defaultValue = "1", description = "Evaluate this many times and report the last "
            + "(the first runs include JIT warm-up); each run's speed goes to stderr. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Override
    public Integer call() throws Exception {
        ReadOptions options = Main.options(spec, () -> {
            if (repeat < 1) {
                throw new IllegalArgumentException("--repeat must be >= 1, was " + repeat);
            }
            if (errors < 0) {
                throw new IllegalArgumentException("--errors must be >= 0, was " + errors);
            }
            return read.options(true);
        });
        Classifier classifier = runtime.load(spec, model);
        Evaluation evaluation = null;
        for (int i = 1; i <= repeat; i++) {
            evaluation = classifier.evaluate(data, options, errors);
            if (repeat > 1) {
                spec.commandLine().getErr().printf(Locale.ROOT, "run %d: %.3fs, %.0f documents/s%n", i,
                        evaluation.seconds(), evaluation.documentsPerSecond());
            }
        }
        spec.commandLine().getOut().print(evaluation.render());
        spec.commandLine().getOut().flush();
        if (json != null) {
            JsonOutput.write(json, evaluation);
        }
        if (report != null) {
            AtomicFile.write(report, HtmlReport.render(model.getFileName() + ": " + classifier.describe(), evaluation,
                    classifier.card().provenance()).getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }
}
