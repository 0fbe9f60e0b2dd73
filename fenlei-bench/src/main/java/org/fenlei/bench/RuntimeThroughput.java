package org.fenlei.bench;

import org.fenlei.TextClassifier;
import org.fenlei.onnxruntime.OnnxRuntimeEncoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fine-tuned encoder model on its two runtimes, Fenlei's kernels and ONNX Runtime ({@code --runtime onnx}), side
 * by side in one JVM: {@code predictAll} over a file's texts in alternating rounds (the median of each, all cores),
 * then single-text latency ({@code predict}, every 4th text, median). The whole prediction path is timed: WordPiece,
 * batching, the network, the probabilities. Prints a Markdown table.
 * <pre>java -cp ... org.fenlei.bench.RuntimeThroughput model.fenlei data.csv [rounds]</pre>
 */
public final class RuntimeThroughput {
    private RuntimeThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        TextClassifier fenlei = TextClassifier.load(file);
        TextClassifier onnx = OnnxRuntimeEncoder.on(fenlei, file.toString());
        List<String> texts = Rounds.texts(data);
        // one untimed pass of each warms the JIT and ONNX Runtime's allocations
        fenlei.predictAll(texts, 1);
        onnx.predictAll(texts, 1);
        double[] own = new double[rounds];
        double[] ort = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            own[r] = texts.size() / seconds(fenlei, texts);
            ort[r] = texts.size() / seconds(onnx, texts);
            System.err.printf(Locale.ROOT, "round %d: Fenlei %.1f texts/s, ONNX Runtime %.1f texts/s%n", r + 1,
                    own[r], ort[r]);
        }
        double f = Rounds.median(own);
        double o = Rounds.median(ort);
        System.out.printf(Locale.ROOT, "| %s, %s, %d cores | --runtime fenlei | --runtime onnx | ratio |%n",
                file.getFileName(), data.getParent().getFileName(), Runtime.getRuntime().availableProcessors());
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| predictAll, texts/s (median of %d) | %.1f | %.1f | %.2f |%n", rounds, f, o,
                o / f);
        System.out.printf(Locale.ROOT, "| predict, one text at a time, median latency, ms | %.2f | %.2f | |%n",
                latency(fenlei, texts), latency(onnx, texts));
    }

    private static double seconds(TextClassifier model, List<String> texts) {
        long start = System.nanoTime();
        model.predictAll(texts, 1);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double latency(TextClassifier model, List<String> texts) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += 4) {
            long start = System.nanoTime();
            model.predict(texts.get(i), 1);
            ms.add((System.nanoTime() - start) / 1e6);
        }
        return Rounds.median(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
