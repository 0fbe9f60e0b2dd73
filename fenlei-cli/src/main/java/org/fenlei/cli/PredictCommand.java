package org.fenlei.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fenlei.Classifier;
import org.fenlei.Explanation;
import org.fenlei.LabelSelection;
import org.fenlei.Prediction;
import org.fenlei.ScoredLabel;
import org.fenlei.data.ParallelRows;
import org.fenlei.data.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fenlei predict}: labels for texts given as arguments, in a file, or on standard input. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict labels for texts: the arguments, or --input FILE, or one text per line on stdin.")
final class PredictCommand implements Callable<Integer> {
    private static final int CHUNK = 8192;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model file: Fenlei's, or a fastText .bin/.ftz "
            + "supervised model (which splits text on white space, as the fastText tool does).")
    Path model;

    @Parameters(index = "1..*", paramLabel = "TEXT", description = "Texts to classify.")
    List<String> texts = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read texts from a CSV, TSV, JSONL or "
            + "text file (a label column is not needed).")
    Path input;

    @Mixin
    ReadMixin read;

    @Mixin
    RuntimeMixin runtime;

    @Option(names = {"-k", "--top-k"}, defaultValue = "1", description = "Labels to show per text. "
            + "Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = {"-t", "--threshold"}, paramLabel = "P", description = "Show only labels with at least this "
            + "probability; without -k, every such label. A multi-label model shows, without -t and -k, every "
            + "label it assigns: each at or above its own threshold (0.5 unless training tuned them).")
    Double threshold;

    @Option(names = "--json", description = "Print one JSON object per text (JSON Lines).")
    boolean json;

    @Option(names = "--explain", arity = "0..1", paramLabel = "N", fallbackValue = "10", description = "Also show "
            + "the N features (tokens, n-grams) that moved the predicted label's score most, with their signed "
            + "contributions (N: 10 when not given): exact for the fastText-class and linear models, integrated "
            + "gradients for the others.")
    Integer explain;

    private PrintWriter out;
    private Classifier classifier;
    private LabelSelection selection;

    @Override
    public Integer call() throws Exception {
        boolean kGiven = spec.commandLine().getParseResult().hasMatchedOption("--top-k");
        ReadOptions readOptions = Main.options(spec, () -> {
            if (input != null && !texts.isEmpty()) {
                throw new IllegalArgumentException("give texts as arguments or --input, not both");
            }
            if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("--threshold must be in [0, 1], was " + threshold);
            }
            if (explain != null && explain < 1) {
                throw new IllegalArgumentException("--explain must be >= 1, was " + explain);
            }
            if (kGiven && topK < 1) {
                throw new IllegalArgumentException("--top-k must be >= 1, was " + topK);
            }
            selection = new LabelSelection(kGiven ? topK : null, threshold);
            return read.options(false);
        });
        out = spec.commandLine().getOut();
        classifier = runtime.load(spec, model);
        if (explain != null && !classifier.explainable()) {
            throw new IllegalArgumentException("--explain: " + model + " cannot explain its predictions ("
                    + classifier.describe() + ")");
        }
        int labels = selection.labels(classifier);
        if (!texts.isEmpty()) {
            print(texts, labels);
        } else if (input != null) {
            // reading stays on this thread, prediction and formatting run on all cores, output keeps file order
            ParallelRows.forEach(input, readOptions, Runtime.getRuntime().availableProcessors(),
                    row -> line(classifier.predict(row.text(), labels), row.text()), out::print);
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            List<String> chunk = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                chunk.add(line);
                if (chunk.size() == CHUNK) {
                    print(chunk, labels);
                    chunk.clear();
                }
            }
            print(chunk, labels);
        }
        out.flush();
        return 0;
    }

    private void print(List<String> batch, int labels) {
        List<Prediction> predictions = classifier.predictAll(batch, labels);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            sb.append(line(predictions.get(i), batch.get(i)));
        }
        out.print(sb);
    }

    /** One output line: label and probability pairs separated by tabs, a value, or a JSON object. */
    private String line(Prediction prediction, String text) {
        Prediction p = selection.apply(classifier, prediction);
        Explanation e = explain == null ? null : classifier.explain(text);
        if (json) {
            ObjectNode node = JsonOutput.MAPPER.valueToTree(p);
            node.put("text", text);
            if (e != null) {
                ObjectNode explained = JsonOutput.MAPPER.valueToTree(e);
                explained.set("contributions", JsonOutput.MAPPER.valueToTree(e.top(explain)));
                node.set("explanation", explained);
            }
            return node + "\n";
        }
        StringBuilder sb = new StringBuilder();
        if (p.value() != null) {
            sb.append(String.format(Locale.ROOT, "%.6g%n", p.value()));
        } else {
            for (int j = 0; j < p.top().size(); j++) {
                ScoredLabel s = p.top().get(j);
                sb.append(j == 0 ? "" : "\t").append(s.label()).append('\t');
                appendSixDecimals(sb, s.probability());
            }
            sb.append('\n');
        }
        if (e != null) {
            sb.append(String.format(Locale.ROOT, "  why %s: score %.4f, %.4f without features (%s%s)%n",
                    e.label() == null ? "the value" : e.label(), e.score(), e.baseline(), e.method(),
                    Explanation.EXACT.equals(e.method()) ? "" : String.format(Locale.ROOT,
                            ", completeness error %.2g", e.completenessError())));
            for (Explanation.Contribution c : e.top(explain)) {
                sb.append(String.format(Locale.ROOT, "  %+9.4f  %s%n", c.value(), c.feature()));
            }
        }
        return sb.toString();
    }

    /** {@code p} in [0, 1] with six decimals, as %.6f prints it, without the cost of a Formatter per line. */
    static void appendSixDecimals(StringBuilder sb, double p) {
        long micros = Math.round(p * 1_000_000);
        String digits = Long.toString(micros % 1_000_000);
        sb.append(micros / 1_000_000).append('.');
        for (int i = digits.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }
}
