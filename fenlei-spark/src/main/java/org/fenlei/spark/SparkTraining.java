package org.fenlei.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.fenlei.TextClassifier;
import org.fenlei.model.DataSummary;
import org.fenlei.model.ModelConfig;
import org.fenlei.model.ModelType;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.Provenance;
import org.fenlei.model.Task;
import org.fenlei.nn.Loss;
import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.fenlei.text.FeatureConfig;
import org.fenlei.text.IntList;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;
import org.fenlei.train.EncodedDataset;
import org.fenlei.train.HogwildTrainer;
import org.fenlei.train.TrainingConfig;
import org.fenlei.train.TrainingListener;
import scala.Tuple2;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Training over a cluster: the labels and the vocabulary counted by Spark (a reduce, with one machine's min-count
 * and size cap), then rounds of parameter averaging (Zinkevich et al. 2010; McDonald et al. 2010's iterative
 * mixing): each partition trains one epoch on its rows from the current weights on one thread, and the driver
 * combines their updates ({@link #average}). With Hogwild SGD round r of E covers the part from r / E to
 * (r + 1) / E of fastText's linear decay over the run; a mini-batch optimiser keeps its rate (and starts its
 * moments afresh each round).
 * Reproducible for a fixed partitioning: each partition's seed follows from the seed, round and partition.
 */
final class SparkTraining implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The settings travel to the executors as the model file writes them, JSON (Fenlei's configurations are
     * records, not Serializable); the vocabulary travels as its tokens.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final String features;
    private final String network;
    private final String training;

    SparkTraining(FeatureConfig features, NetworkConfig network, TrainingConfig training) {
        this.features = json(features);
        this.network = json(network);
        this.training = json(training);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private FeatureConfig features() {
        return parse(features, FeatureConfig.class);
    }

    /** A labeled text: the training rows, checked and read on the executors. */
    record Row(String text, String label) implements Serializable {
    }

    TextClassifier train(JavaRDD<Row> rows, TrainingListener listener) {
        long start = System.nanoTime();
        List<String> labels = rows.map(Row::label).distinct().collect().stream().sorted().toList();
        if (labels.size() < 2) {
            throw new IllegalArgumentException("the label column holds " + labels.size() + " distinct label(s) "
                    + labels + "; a classifier needs at least two");
        }
        Vocabulary vocabulary = vocabulary(rows);
        FeatureConfig features = features();
        TrainingConfig training = parse(this.training, TrainingConfig.class);
        Task task = labels.size() == 2 && training.loss().isEmpty() ? Task.BINARY : Task.MULTICLASS;
        NetworkConfig sizes = parse(network, NetworkConfig.class).resolve(labels.size());
        ModelType type = sizes.type();
        long count = rows.count();
        TrainingConfig run = training.fromData() ? training.forTexts((int) Math.min(Integer.MAX_VALUE, count))
                : training;
        int outputs = task.outputs(labels.size());
        Network net = sizes.build(vocabulary.size(), features.buckets(), outputs, run.seed());
        ModelConfig config = new ModelConfig(task, features, sizes, run, null, null, null);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.context());
        Broadcast<List<String>> tokens = sc.broadcast(vocabulary.tokens());
        Map<String, Integer> labelIds = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            labelIds.put(labels.get(i), i);
        }
        for (int round = 0; round < run.epochs(); round++) {
            // Hogwild's rate falls linearly over the whole run, each round covering its epoch's part of the line; a
            // mini-batch optimiser keeps its own rate and schedule every round
            boolean hogwild = TrainingConfig.HOGWILD.equals(run.optimizer());
            double from = (double) round / run.epochs();
            double to = (round + 1.0) / run.epochs();
            TrainingConfig epoch = run.withEpochs(1).withThreads(1);
            float[][] before = values(net);
            Broadcast<float[][]> weights = sc.broadcast(before);
            long seed = run.seed() * 1_000_003L + round * 1009L;
            String epochJson = json(epoch);
            String sizesJson = json(sizes);
            List<Shard> shards = rows.mapPartitionsWithIndex((partition, it) -> List.of(
                    trainShard(it, tokens.value(), labelIds, task, parse(sizesJson, NetworkConfig.class), outputs,
                            weights.value(), parse(epochJson, TrainingConfig.class).withSeed(seed + partition),
                            from, to))
                    .iterator(), true).collect();
            average(net, before, shards, hogwild);
            weights.destroy();
            long sent = shards.stream().mapToLong(Shard::bytes).sum();
            listener.onChoice(String.format(java.util.Locale.ROOT, "round %d/%d: %d partitions sent back %.1f MB of "
                    + "changed weights (the model: %.1f MB)", round + 1, run.epochs(), shards.size(), sent / 1e6,
                    4e-6 * java.util.Arrays.stream(before).mapToLong(w -> w.length).sum()));
        }
        tokens.destroy();
        double seconds = (System.nanoTime() - start) / 1e9;
        Provenance provenance = new Provenance(TextClassifier.VERSION, Runtime.version().toString(),
                Instant.now().toString(), seconds, null, rows.getNumPartitions(), new DataSummary("spark",
                null, count, 0, count, 0, 0, null), List.of(), 0, null);
        return TextClassifier.of(config, labels, vocabulary, net, provenance);
    }

    /** Every feature's count over the rows, reduced by Spark, cut as one machine cuts it. */
    private Vocabulary vocabulary(JavaRDD<Row> rows) {
        String json = features;
        int minCount = features().minCount();
        Map<String, Long> counts = new HashMap<>(rows.mapPartitionsToPair(it -> {
            TextAnalyzer analyzer = new TextAnalyzer(parse(json, FeatureConfig.class));
            Map<String, Long> local = new HashMap<>();
            List<String> buffer = new ArrayList<>();
            while (it.hasNext()) {
                buffer.clear();
                analyzer.features(it.next().text(), buffer);
                for (String feature : buffer) {
                    local.merge(feature, 1L, Long::sum);
                }
            }
            List<Tuple2<String, Long>> out = new ArrayList<>(local.size());
            local.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
            return out.iterator();
        }).reduceByKey(Long::sum).filter(t -> t._2() >= minCount).collectAsMap());
        return Vocabulary.fromCounts(counts, features().vocabularySize(), minCount);
    }

    /**
     * A partition's weights after its epoch and how many rows it trained on. Of a table with a row per feature
     * only the rows the epoch changed travel back ({@code changed[i]} lists them, in order; null for a dense
     * parameter, which travels whole): a partition sees a small part of a large vocabulary's and n-gram buckets'
     * rows.
     */
    record Shard(int[][] changed, float[][] weights, int rows) implements Serializable {
        /** The weights and row numbers it holds, in bytes. */
        long bytes() {
            long n = 0;
            for (int i = 0; i < weights.length; i++) {
                n += 4L * weights[i].length + (changed[i] == null ? 0 : 4L * changed[i].length);
            }
            return n;
        }
    }

    private Shard trainShard(Iterator<Row> it, List<String> tokens, Map<String, Integer> labelIds, Task task,
                             NetworkConfig sizes, int outputs, float[][] start, TrainingConfig epoch, double from,
                             double to) {
        Vocabulary vocabulary = new Vocabulary(tokens);
        FeatureConfig features = features();
        TextAnalyzer analyzer = new TextAnalyzer(features, vocabulary);
        List<int[]> documents = new ArrayList<>();
        IntList targets = new IntList();
        IntList ids = new IntList();
        while (it.hasNext()) {
            Row row = it.next();
            ids.clear();
            analyzer.encode(row.text(), vocabulary, ids);
            documents.add(ids.toArray());
            targets.add(labelIds.get(row.label()));
        }
        Network net = sizes.build(vocabulary.size(), features.buckets(), outputs, epoch.seed());
        List<Parameter> params = net.parameters();
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(start[i], 0, params.get(i).value(), 0, start[i].length);
        }
        if (!documents.isEmpty()) {
            float[] t = new float[targets.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = targets.get(i);
            }
            Loss loss = new ModelConfig(task, features, sizes, epoch, null, null, null).loss();
            EncodedDataset data = new EncodedDataset(documents, t);
            if (TrainingConfig.HOGWILD.equals(epoch.optimizer())) {
                HogwildTrainer.train(net, loss, data, epoch, TrainingListener.NONE, from, to);
            } else {
                sizes.type().train(net, loss, task, data, null, epoch, TrainingListener.NONE);
            }
        }
        return changedRows(net, start, documents.size());
    }

    /** The shard of {@code net} after training from {@code start}: sparse parameters by their changed rows. */
    private static Shard changedRows(Network net, float[][] start, int trained) {
        List<Parameter> params = net.parameters();
        int[][] changed = new int[params.size()][];
        float[][] weights = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            float[] v = p.value();
            if (!p.sparse()) {
                weights[i] = v;
                continue;
            }
            int cols = p.cols();
            IntList rows = new IntList();
            for (int r = 0; r < p.rows(); r++) {
                if (!java.util.Arrays.equals(v, r * cols, (r + 1) * cols, start[i], r * cols, (r + 1) * cols)) {
                    rows.add(r);
                }
            }
            changed[i] = rows.toArray();
            weights[i] = new float[changed[i].length * cols];
            for (int k = 0; k < changed[i].length; k++) {
                System.arraycopy(v, changed[i][k] * cols, weights[i], k * cols, cols);
            }
        }
        return new Shard(changed, weights, trained);
    }

    private static float[][] values(Network net) {
        List<Parameter> params = net.parameters();
        float[][] out = new float[params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = params.get(i).value().clone();
        }
        return out;
    }

    /**
     * The partitions' updates into {@code net}, weighted by their rows; how depends on the optimiser.
     * <ul>
     * <li>Hogwild SGD (fastText-class models, large steps): each table row moves by the average of the updates of the
     * partitions that changed it, the dense layers by the average of all; a rare word's row moves as far as on one
     * machine, a frequent word's as far as a partition's share. On trec and mr with 2 and 8 partitions this came
     * within 0.6 points of one machine; adding the updates diverged on 8 partitions, averaging every row lost 1.0
     * point on trec.</li>
     * <li>A mini-batch optimiser (Adam: steps of about the learning rate whatever the gradient): the updates are
     * added, w + K * their weighted mean, as Hogwild's threads add theirs; averaging moved only as far as one
     * partition's share of the data (the origin model: 80% where one machine reached 96% on generated data).</li>
     * </ul>
     */
    private static void average(Network net, float[][] start, List<Shard> shards, boolean hogwild) {
        long total = shards.stream().mapToLong(Shard::rows).sum();
        long trained = shards.stream().filter(s -> s.rows() > 0).count();
        List<Parameter> params = net.parameters();
        for (int i = 0; i < params.size(); i++) {
            float[] v = params.get(i).value();
            float[] from = start[i];
            int cols = params.get(i).cols();
            double gain = hogwild ? 1 : trained;
            // Hogwild: the rows each partition changed, weighted by the partitions' rows among those that changed it
            double[] rowWeight = hogwild && shards.get(0).changed()[i] != null ? new double[params.get(i).rows()]
                    : null;
            if (rowWeight != null) {
                for (Shard s : shards) {
                    for (int r : s.changed()[i]) {
                        rowWeight[r] += s.rows();
                    }
                }
            }
            for (Shard s : shards) {
                if (s.rows() == 0) {
                    continue;
                }
                float[] w = s.weights()[i];
                int[] rows = s.changed()[i];
                if (rows == null) {
                    float share = (float) (gain * s.rows() / total);
                    for (int j = 0; j < v.length; j++) {
                        v[j] += share * (w[j] - from[j]);
                    }
                    continue;
                }
                for (int k = 0; k < rows.length; k++) {
                    float share = (float) (rowWeight != null ? s.rows() / rowWeight[rows[k]] : gain * s.rows() / total);
                    for (int c = 0, j = rows[k] * cols; c < cols; c++, j++) {
                        v[j] += share * (w[k * cols + c] - from[j]);
                    }
                }
            }
        }
    }
}
