package org.fenlei.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.fenlei.TextClassifier;
import org.fenlei.model.DataSummary;
import org.fenlei.model.ModelConfig;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Training over a cluster: the labels and the vocabulary counted by Spark (a reduce, with one machine's min-count
 * and size cap), the rows encoded once per partition and cached, then rounds of data-parallel training in the
 * manner of parameter averaging (Zinkevich et al. 2010; McDonald et al. 2010's iterative mixing): in each round
 * every partition trains on one thread on its next part of the epoch's rows from the current weights, and the
 * driver combines their updates ({@link BlockMomentum}). An epoch has one or more rounds ({@link #roundsPerEpoch}).
 * With Hogwild SGD each round covers its part of fastText's linear decay over the run; a mini-batch optimiser keeps
 * its rate (and starts its moments afresh each round).
 * The weights travel as little as they can: executors keep a copy between rounds ({@link Replica}); the driver
 * broadcasts the whole model once per epoch and within it only each round's update of the rows some partition
 * changed; partitions send back only the rows they changed.
 * Reproducible for a fixed partitioning: each partition's seed follows from the seed, epoch, round and partition.
 */
final class SparkTraining implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rounds per epoch, in multiples of the partitions: the momentum's memory is K rounds ({@link BlockMomentum}). */
    private static final int ROUNDS_PER_PARTITION = 4;
    /**
     * The settings travel to the executors as the model file writes them, JSON (Fenlei's configurations are
     * records, not Serializable); the vocabulary travels as its tokens.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final String features;
    private final String network;
    private final String training;
    private final int roundsPerEpoch;

    /**
     * {@code roundsPerEpoch}: exchanges of the weights per epoch; 0 chooses them ({@link #roundsPerEpoch(int)} for
     * Hogwild SGD, 1 for a mini-batch optimiser).
     */
    SparkTraining(FeatureConfig features, NetworkConfig network, TrainingConfig training, int roundsPerEpoch) {
        this.features = json(features);
        this.network = json(network);
        this.training = json(training);
        this.roundsPerEpoch = roundsPerEpoch;
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
        int outputs = task.outputs(labels.size());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.context());
        // a copy: the vocabulary's own list is a view that makes each string as it is read
        Broadcast<List<String>> tokens = sc.broadcast(new ArrayList<>(vocabulary.tokens()));
        Map<String, Integer> labelIds = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            labelIds.put(labels.get(i), i);
        }
        String json = this.features;
        JavaRDD<Encoded> shards = rows.mapPartitions(it -> List.of(
                encode(it, parse(json, FeatureConfig.class), tokens.value(), labelIds)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Integer> partitionRows = shards.map(e -> e.targets().length).collect();
        long count = partitionRows.stream().mapToLong(Integer::longValue).sum();
        TrainingConfig run = training.fromData() ? training.forTexts((int) Math.min(Integer.MAX_VALUE, count))
                : training;
        boolean hogwild = TrainingConfig.HOGWILD.equals(run.optimizer());
        int partitions = partitionRows.size();
        int perEpoch = roundsPerEpoch > 0 ? roundsPerEpoch : hogwild ? roundsPerEpoch(partitions) : 1;
        int words = vocabulary.size();
        Network net = sizes.build(words, features.buckets(), outputs, run.seed());
        ModelConfig config = new ModelConfig(task, features, sizes, run, null, null, null);
        String id = sc.sc().applicationId() + "/" + UUID.randomUUID();
        String sizesJson = json(sizes);
        String epochJson = json(run.withEpochs(1).withThreads(1));
        int rounds = run.epochs() * perEpoch;
        BlockMomentum momentum = hogwild ? BlockMomentum.filtering(net, partitions) : BlockMomentum.adding(net);
        float[][] weights = net.parameters().stream().map(Parameter::value).toArray(float[][]::new);
        try {
            Broadcast<Replica.Snapshot> snapshot = null;
            List<Broadcast<Replica.Delta>> deltas = new ArrayList<>();
            long sent = 0;
            long broadcast = 0;
            for (int round = 0; round < rounds; round++) {
                int epoch = round / perEpoch;
                int part = round % perEpoch;
                if (part == 0) {
                    // each epoch starts from a whole copy, so that the chain of deltas an executor may need stays short
                    deltas.forEach(Broadcast::destroy);
                    deltas.clear();
                    if (snapshot != null) {
                        snapshot.destroy();
                    }
                    snapshot = sc.broadcast(new Replica.Snapshot(round, values(net), momentum.state()));
                }
                Broadcast<Replica.Snapshot> from = snapshot;
                List<Broadcast<Replica.Delta>> chain = List.copyOf(deltas);
                double decayFrom = (double) round / rounds;
                double decayTo = (round + 1.0) / rounds;
                long seed = run.seed() * 1_000_003L + epoch * 1009L;
                List<Shard> updates = shards.mapPartitionsWithIndex((partition, it) -> List.of(
                        trainShard(id, it.next(), from, chain, parse(sizesJson, NetworkConfig.class), task, outputs,
                                words, parse(epochJson, TrainingConfig.class), seed + partition,
                                part, perEpoch, decayFrom, decayTo)).iterator(), true).collect();
                Replica.Delta delta = momentum.mean(updates, round + 1);
                momentum.apply(weights, delta);
                sent += updates.stream().mapToLong(Shard::bytes).sum();
                if (part + 1 < perEpoch) {
                    deltas.add(sc.broadcast(delta));
                    broadcast += delta.bytes();
                }
                if (part + 1 == perEpoch) {
                    listener.onChoice(String.format(Locale.ROOT, "epoch %d/%d: %d round(s) over %d "
                            + "partitions; they sent back %.1f MB of changes, the driver broadcast %.1f MB (the "
                            + "model: %.1f MB)", epoch + 1, run.epochs(), perEpoch, updates.size(), sent / 1e6,
                            broadcast / 1e6, 4e-6 * net.parameters().stream().mapToLong(p -> p.value().length)
                                    .sum()));
                    sent = 0;
                    broadcast = 0;
                }
            }
            deltas.forEach(Broadcast::destroy);
            if (snapshot != null) {
                snapshot.destroy();
            }
        } finally {
            release(sc, id);
            shards.unpersist(false);
            tokens.destroy();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Provenance provenance = new Provenance(TextClassifier.VERSION, Runtime.version().toString(),
                Instant.now().toString(), seconds, null, rows.getNumPartitions(), new DataSummary("spark",
                null, count, 0, count, 0, 0, null), List.of(), 0, null);
        return TextClassifier.of(config, labels, vocabulary, net, provenance);
    }

    /**
     * Rounds per epoch when none are asked for (Hogwild SGD): {@value #ROUNDS_PER_PARTITION} times the partitions, so
     * that each epoch spans several of the momentum's memories (with fewer, trec and imdb on 8 partitions fell a
     * point behind one machine: BENCHMARKS.md).
     */
    static int roundsPerEpoch(int partitions) {
        return ROUNDS_PER_PARTITION * partitions;
    }

    /**
     * Drops the executors' copies of run {@code id}: on the driver's JVM (local mode) for certain, on a cluster's
     * executors by a job with a task per core, which reaches each executor that holds one with high probability;
     * a copy it misses is dropped by that executor's next run.
     */
    private static void release(JavaSparkContext sc, String id) {
        Replica.release(id);
        int tasks = Math.max(1, sc.defaultParallelism() * 2);
        sc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
                .foreachPartition(it -> Replica.release(id));
    }

    /** A partition's training rows, encoded once for every round. */
    record Encoded(List<int[]> documents, float[] targets) implements Serializable {
    }

    private static Encoded encode(Iterator<Row> it, FeatureConfig features, List<String> tokens,
                                  Map<String, Integer> labelIds) {
        Vocabulary vocabulary = new Vocabulary(tokens);
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
        float[] t = new float[targets.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = targets.get(i);
        }
        return new Encoded(documents, t);
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
     * A partition's changes in one round and how many rows it trained on. Of a table with a row per feature only the
     * rows the round changed travel back ({@code changed[i]} lists them, in order; null for a dense parameter, which
     * travels whole): a partition sees a small part of a large vocabulary's and n-gram buckets' rows.
     * {@code updates} hold the new values minus the round's starting values.
     */
    record Shard(int[][] changed, float[][] updates, int rows) implements Serializable {
        /** The updates and row numbers it holds, in bytes. */
        long bytes() {
            long n = 0;
            for (int i = 0; i < updates.length; i++) {
                n += 4L * updates[i].length + (changed[i] == null ? 0 : 4L * changed[i].length);
            }
            return n;
        }
    }

    /**
     * One round on one partition: part {@code part} of {@code parts} of its rows (in an order shuffled once per
     * epoch), trained from the executor's copy of the weights, brought to this round's version first.
     */
    private Shard trainShard(String run, Encoded data, Broadcast<Replica.Snapshot> snapshot,
                             List<Broadcast<Replica.Delta>> deltas, NetworkConfig sizes, Task task, int outputs,
                             int words, TrainingConfig epoch, long seed, int part, int parts, double from,
                             double to) {
        FeatureConfig features = features();
        int n = data.targets().length;
        int[] order = new int[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(i + 1); // Fisher-Yates, inside out
            order[i] = order[j];
            order[j] = i;
        }
        int lo = (int) ((long) part * n / parts);
        int hi = (int) ((long) (part + 1) * n / parts);
        List<int[]> documents = new ArrayList<>(hi - lo);
        float[] targets = new float[hi - lo];
        for (int i = lo; i < hi; i++) {
            documents.add(data.documents().get(order[i]));
            targets[i - lo] = data.targets()[order[i]];
        }
        Replica replica = Replica.of(run);
        replica.lockAt(snapshot, deltas);
        try {
            Replica.Working working = replica.borrow(() -> sizes.build(words, features.buckets(), outputs, seed));
            Network net = working.net;
            if (!documents.isEmpty()) {
                TrainingConfig config = epoch.withSeed(seed + 7919L * part);
                Loss loss = new ModelConfig(task, features, sizes, config, null, null, null).loss();
                EncodedDataset slice = new EncodedDataset(documents, targets);
                if (TrainingConfig.HOGWILD.equals(config.optimizer())) {
                    HogwildTrainer.train(net, loss, slice, config, TrainingListener.NONE, from, to);
                } else {
                    sizes.type().train(net, loss, task, slice, null, config, TrainingListener.NONE);
                }
            }
            Shard shard = changes(net, replica.values(), documents.size());
            replica.release(working, shard.changed());
            return shard;
        } finally {
            replica.unlock();
        }
    }

    /** The changes of {@code net} from {@code start}: sparse parameters by their changed rows. */
    private static Shard changes(Network net, float[][] start, int trained) {
        List<Parameter> params = net.parameters();
        int[][] changed = new int[params.size()][];
        float[][] updates = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            float[] v = p.value();
            float[] s = start[i];
            if (!p.sparse()) {
                updates[i] = new float[v.length];
                for (int j = 0; j < v.length; j++) {
                    updates[i][j] = v[j] - s[j];
                }
                continue;
            }
            int cols = p.cols();
            IntList rows = new IntList();
            for (int at = 0; at < v.length; ) {
                int m = Arrays.mismatch(v, at, v.length, s, at, v.length);
                if (m < 0) {
                    break;
                }
                int r = (at + m) / cols;
                rows.add(r);
                at = (r + 1) * cols;
            }
            changed[i] = rows.toArray();
            updates[i] = new float[changed[i].length * cols];
            for (int k = 0; k < changed[i].length; k++) {
                for (int c = 0, j = changed[i][k] * cols; c < cols; c++, j++) {
                    updates[i][k * cols + c] = v[j] - s[j];
                }
            }
        }
        return new Shard(changed, updates, trained);
    }

    private static float[][] values(Network net) {
        List<Parameter> params = net.parameters();
        float[][] out = new float[params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = params.get(i).value().clone();
        }
        return out;
    }
}
