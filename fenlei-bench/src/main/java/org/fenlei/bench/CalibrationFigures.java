package org.fenlei.bench;

import org.fenlei.TextClassifier;
import org.fenlei.data.ReadOptions;
import org.fenlei.eval.ClassificationReport;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A calibrated model's figures on a test file with and without its fitted temperature: accuracy (the same by
 * construction) and the expected calibration error. {@code CalibrationFigures MODEL TEST}
 */
public final class CalibrationFigures {
    private CalibrationFigures() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CalibrationFigures MODEL TEST");
            System.exit(2);
        }
        TextClassifier model = TextClassifier.load(Path.of(args[0]));
        if (model.temperature() == null) {
            System.err.println(args[0] + " has no fitted temperature: train it with --calibrate");
            System.exit(1);
        }
        ClassificationReport raw = model.withTemperature(null).evaluate(Path.of(args[1]), ReadOptions.labeled())
                .classification();
        ClassificationReport scaled = model.evaluate(Path.of(args[1]), ReadOptions.labeled()).classification();
        System.out.printf(Locale.ROOT, "temperature %.4f  accuracy %.4f -> %.4f  ECE %.4f -> %.4f  log loss %.4f -> "
                + "%.4f%n", model.temperature(), raw.accuracy(), scaled.accuracy(), raw.calibration().ece(),
                scaled.calibration().ece(), raw.logLoss(), scaled.logLoss());
    }
}
