package org.fenlei.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.fenlei.TextClassifier;
import org.fenlei.model.ModelFile;
import org.fenlei.onnx.OnnxExport;
import org.fenlei.text.IntList;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;

import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model exported to ONNX, run by ONNX Runtime beside Fenlei on the same texts and machine, in alternating rounds:
 * Fenlei's {@code predictAll} (cleaning, tokenising and predicting on all cores) against ONNX Runtime on batches of
 * {@code batch} texts with {@code threads} intra-op threads, timed without the tokenisation (which a caller does
 * apart: its cost is Fenlei's own, measured too). Also checks the largest difference in probabilities. Prints a
 * Markdown table. <pre>java -cp ... org.fenlei.bench.OnnxThroughput MODEL DATA [rounds] [batch] [threads]</pre>
 */
public final class OnnxThroughput {
    private OnnxThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path modelFile = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        TextClassifier model = TextClassifier.load(modelFile);
        Path onnx = Files.createTempFile("fenlei", ".onnx");
        Path json = Files.createTempFile("fenlei", ".json");
        OnnxExport.write(modelFile, onnx, json);
        List<String> texts = Rounds.texts(data);
        var contents = ModelFile.read(modelFile);
        Vocabulary vocabulary = new Vocabulary(contents.vocabulary());
        TextAnalyzer analyzer = new TextAnalyzer(contents.config().features(), vocabulary);
        long tokenStart = System.nanoTime();
        List<long[]> ids = new ArrayList<>();
        List<long[]> offsets = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += batch) {
            IntList flat = new IntList();
            long[] starts = new long[Math.min(batch, texts.size() - from)];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = flat.size();
                analyzer.encode(texts.get(from + i), vocabulary, flat);
            }
            long[] values = new long[flat.size()];
            Arrays.setAll(values, flat::get);
            ids.add(values);
            offsets.add(starts);
        }
        double tokenSeconds = (System.nanoTime() - tokenStart) / 1e9;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        double[] fenlei = new double[rounds];
        double[] ort = new double[rounds];
        double worst = 0;
        int k = model.labels().size();
        try (OrtSession session = env.createSession(onnx.toString(), options)) {
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                var predictions = model.predictAll(texts, k);
                fenlei[r] = texts.size() / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                List<float[][]> results = new ArrayList<>();
                for (int b = 0; b < ids.size(); b++) {
                    try (OnnxTensor i = OnnxTensor.createTensor(env, LongBuffer.wrap(ids.get(b)),
                            new long[] {ids.get(b).length});
                         OnnxTensor o = OnnxTensor.createTensor(env, LongBuffer.wrap(offsets.get(b)),
                                 new long[] {offsets.get(b).length});
                         OrtSession.Result out = session.run(Map.of("ids", i, "offsets", o))) {
                        results.add((float[][]) out.get(0).getValue());
                    }
                }
                ort[r] = texts.size() / ((System.nanoTime() - start) / 1e9);
                for (int t = 0; t < texts.size(); t++) {
                    float[] p = results.get(t / batch)[t % batch];
                    for (var s : predictions.get(t).top()) {
                        worst = Math.max(worst, Math.abs(p[model.labels().indexOf(s.label())] - s.probability()));
                    }
                }
            }
        }
        Files.deleteIfExists(onnx);
        Files.deleteIfExists(json);
        System.out.printf(Locale.ROOT, "| %s, %d texts | Fenlei predictAll | ONNX Runtime, batches of %d, %d threads "
                        + "| ratio | Fenlei's tokenisation alone (1 thread) | largest difference |%n",
                modelFile.getFileName(), texts.size(), batch, threads);
        System.out.println("|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| texts/s, median of %d rounds | %.0f | %.0f | %.2f | %.0f | %.1e |%n", rounds,
                Rounds.median(fenlei), Rounds.median(ort), Rounds.median(ort) / Rounds.median(fenlei),
                texts.size() / tokenSeconds, worst);
    }
}
