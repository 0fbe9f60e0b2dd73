package org.fenlei.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fenlei.Prediction;
import org.fenlei.ScoredLabel;
import org.fenlei.TextClassifier;
import org.fenlei.data.DatasetReader;
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

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model file.")
    Path model;

    @Parameters(index = "1..*", paramLabel = "TEXT", description = "Texts to classify.")
    List<String> texts = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read texts from a CSV, TSV, JSONL or "
            + "text file (a label column is not needed).")
    Path input;

    @Mixin
    ReadMixin read;

    @Option(names = {"-k", "--top-k"}, defaultValue = "1", description = "Labels to show per text. "
            + "Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--json", description = "Print one JSON object per text (JSON Lines).")
    boolean json;

    private PrintWriter out;
    private TextClassifier classifier;

    @Override
    public Integer call() throws Exception {
        if (input != null && !texts.isEmpty()) {
            throw new IllegalArgumentException("give texts as arguments or --input, not both");
        }
        out = spec.commandLine().getOut();
        classifier = TextClassifier.load(model);
        if (!texts.isEmpty()) {
            print(texts);
        } else if (input != null) {
            List<String> chunk = new ArrayList<>(CHUNK);
            DatasetReader.forEach(input, read.options(false), row -> {
                chunk.add(row.text());
                if (chunk.size() == CHUNK) {
                    print(chunk);
                    chunk.clear();
                }
            });
            print(chunk);
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            List<String> chunk = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                chunk.add(line);
                if (chunk.size() == CHUNK) {
                    print(chunk);
                    chunk.clear();
                }
            }
            print(chunk);
        }
        out.flush();
        return 0;
    }

    private void print(List<String> batch) {
        List<Prediction> predictions = classifier.predictAll(batch, topK);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            Prediction p = predictions.get(i);
            if (json) {
                ObjectNode node = JsonOutput.MAPPER.valueToTree(p);
                node.put("text", batch.get(i));
                sb.append(node.toString()).append('\n');
            } else if (p.value() != null) {
                sb.append(String.format(Locale.ROOT, "%.6g%n", p.value()));
            } else {
                for (int j = 0; j < p.top().size(); j++) {
                    ScoredLabel s = p.top().get(j);
                    sb.append(j == 0 ? "" : "\t").append(s.label()).append('\t')
                            .append(String.format(Locale.ROOT, "%.6f", s.probability()));
                }
                sb.append('\n');
            }
        }
        out.print(sb);
    }
}
