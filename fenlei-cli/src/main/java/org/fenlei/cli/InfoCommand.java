package org.fenlei.cli;

import org.fenlei.Classifier;
import org.fenlei.ModelCard;
import org.fenlei.TextClassifier;
import org.fenlei.model.ModelChoice;
import org.fenlei.model.ModelConfig;
import org.fenlei.model.Provenance;
import org.fenlei.model.TeacherInfo;
import org.fenlei.train.EpochStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code fenlei info}: the model card. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a model's card: task, labels, configuration, training data, curve and metrics.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model file.")
    Path model;

    @Option(names = "--json", description = "Print the card as JSON.")
    boolean json;

    @Option(names = "--pii", description = "List the vocabulary entries that look like personal data (phone, card "
            + "and ID numbers, IBANs, e-mail and IP addresses, long numbers): what the model file gives away to "
            + "whoever reads it. Train with --mask-pii or --drop-pii-vocab to leave them out.")
    boolean pii;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Classifier classifier = Classifier.load(model);
        if (pii) {
            if (!(classifier instanceof TextClassifier text)) {
                throw new IllegalArgumentException("--pii reads a Fenlei model's vocabulary; " + model + " is a "
                        + classifier.describe());
            }
            Map<String, String> found = text.personalData();
            if (json) {
                out.println(JsonOutput.MAPPER.writeValueAsString(found));
                return 0;
            }
            out.printf(Locale.ROOT, "%d of %d vocabulary entries look like personal data%n", found.size(),
                    text.vocabularySize());
            found.forEach((token, kind) -> out.printf(Locale.ROOT, "  %-20s %s%n", kind, token));
            return 0;
        }
        ModelCard card = classifier.card();
        if (json) {
            out.println(JsonOutput.MAPPER.writeValueAsString(card));
            return 0;
        }
        out.printf(Locale.ROOT, "model        %s%n", model);
        ModelConfig c = card.config();
        if (c == null) {
            out.printf(Locale.ROOT, "kind         %s%n", card.kind());
            out.printf(Locale.ROOT, "labels       %s%n", card.labels());
            return 0;
        }
        Provenance p = card.provenance();
        out.printf(Locale.ROOT, "task         %s%n", card.task());
        out.printf(Locale.ROOT, "labels       %s%n", card.labels());
        out.printf(Locale.ROOT, "network      %s, vocabulary %d%n", card.network(), card.vocabularySize());
        out.printf(Locale.ROOT, "features     %s%n", c.features());
        out.printf(Locale.ROOT, "training     %s%n", c.training());
        if (c.labelThresholds() != null) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < card.labels().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(card.labels().get(i)).append(' ')
                        .append(String.format(Locale.ROOT, "%.3f", c.threshold(i)));
            }
            out.printf(Locale.ROOT, "thresholds   tuned per label: %s%n", sb);
        }
        if (c.temperature() != null) {
            out.printf(Locale.ROOT, "calibration  temperature %.4f, fitted on the validation split%n",
                    c.temperature());
        }
        if (p != null) {
            out.printf(Locale.ROOT, "created      %s by Fenlei %s on Java %s, %d thread(s)%n", p.createdAt(),
                    p.fenleiVersion(), p.javaVersion(), p.threads());
            out.printf(Locale.ROOT, "data         %s (sha256 %s): %d rows, %d skipped; %d train, %d validation, "
                            + "%d test%s%n", p.data().file(), p.data().sha256(), p.data().rows(), p.data().skipped(),
                    p.data().trainRows(), p.data().validationRows(), p.data().testRows(),
                    p.data().testFile() == null ? "" : " (" + p.data().testFile() + ")");
            TeacherInfo t = p.teacher();
            if (t != null) {
                out.printf(Locale.ROOT, "teacher      %s (sha256 %s...): %s; %s loss, alpha %s, temperature %s, %d "
                                + "transfer texts%s%n", t.file(), t.fingerprint(), t.network(), t.loss(), t.alpha(),
                        t.temperature(), t.transferTexts(), t.labelSeconds() == null ? ""
                                : String.format(Locale.ROOT, ", labelled in %.1fs", t.labelSeconds()));
            }
            out.println();
            out.println("epoch   loss      acc     val_loss  val_acc");
            // with weight averaging the model is the mean of the last epochs' weights, not one epoch's
            int averaged = c.training().averageEpochs();
            int last = p.history().size();
            for (EpochStats e : p.history()) {
                String mark = averaged > 0 ? (e.epoch() > last - averaged ? "  (averaged)" : "")
                        : e.epoch() == p.bestEpoch() ? "  (kept)" : "";
                out.printf(Locale.ROOT, "%5d  %6s  %7s  %8s  %7s%s%n", e.epoch(), orDash(e.trainLoss()),
                        orDash(e.trainAccuracy()), orDash(e.validationLoss()), orDash(e.validationAccuracy()), mark);
            }
            if (p.choice() != null) {
                out.println();
                out.print(leaderboard(p.choice()));
            }
            if (p.metrics() != null) {
                out.println();
                out.print(p.metrics().render());
            }
        }
        return 0;
    }

    /** The search that chose a model: what each candidate scored, how long it took, which was chosen. */
    static String leaderboard(ModelChoice choice) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "model search (%s; %s):%n",
                choice.validation(), choice.metric()));
        for (ModelChoice.Trial t : choice.trials()) {
            sb.append("  ").append(trialLine(t)).append(t.candidate().equals(choice.chosen()) ? "  <- chosen" : "")
                    .append('\n');
        }
        sb.append("chosen: ").append(choice.chosen()).append(", trained again on all the training rows\n");
        return sb.toString();
    }

    static String trialLine(ModelChoice.Trial t) {
        String line = String.format(Locale.ROOT, "%-13s %7s %7.1fs  %s", t.candidate(),
                t.score() == null ? "-" : String.format(Locale.ROOT, "%.4f", t.score()), t.seconds(), t.description());
        return t.note() == null ? line : line + " (" + t.note() + ")";
    }

    /** A measured value with four decimals, or "-" where there is none (no validation split, regression). */
    private static String orDash(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
