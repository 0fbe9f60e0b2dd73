package org.fenlei.spark;

import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.fenlei.text.IntList;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * How a round's updates move the weights: block-wise model-update filtering (BMUF; Chen and Huo 2016, "Scalable
 * training of deep learning machines by incremental block training with intra-block parallel optimization and
 * blockwise model-update filtering"). The partitions' mean update {@code D} (weighted by their rows) feeds a
 * momentum, {@code G = eta * G + zeta * D}, and the weights move by {@code G}.
 * <ul>
 * <li>Hogwild SGD ({@code eta = 1 - 1/K}, {@code zeta = 1}): a plain mean moves what every partition trains (the
 * output layer, frequent words) by 1/K of one machine's epoch, too little within fastText's few epochs; a sum of
 * updates made from the same stale weights overshoots and diverged at fastText's learning rates. The momentum
 * reaches K times the mean in a direction the rounds keep agreeing on, and filters out what they do not.</li>
 * <li>A mini-batch optimiser ({@code eta = 0}, {@code zeta = K}): the updates are added, as Hogwild's threads add
 * theirs; Adam's steps are about its learning rate whatever the gradient, so a mean moved only as far as one
 * partition's share of the data.</li>
 * </ul>
 * The driver and every executor hold one and {@link #apply} the same updates to their copies of the weights: so a
 * round broadcasts only the rows some partition changed, while the momentum goes on moving rows that no partition
 * touched. A table row's momentum is kept while any of its components is at least {@value #LEAST}, then stops.
 */
final class BlockMomentum {
    private static final float LEAST = 1e-6f;
    private final float eta;
    private final boolean adding;
    /** Whether each parameter is a table (sparse: a row per feature), and its rows' columns. */
    private final boolean[] tables;
    private final int[] cols;
    private final float[][] momentum;
    private final BitSet[] moving;

    /**
     * What a snapshot carries: {@code rows[i]} the moving rows of table {@code i} with their momentum in
     * {@code values[i]}; a dense parameter's ({@code rows[i] == null}) whole.
     */
    record State(float eta, boolean adding, boolean[] tables, int[] cols, int[][] rows, float[][] values)
            implements Serializable {
    }

    private BlockMomentum(float eta, boolean adding, boolean[] tables, int[] cols, int[] sizes) {
        this.eta = eta;
        this.adding = adding;
        this.tables = tables;
        this.cols = cols;
        momentum = new float[sizes.length][];
        moving = new BitSet[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            momentum[i] = new float[sizes[i]];
            moving[i] = new BitSet();
        }
    }

    private static BlockMomentum of(Network net, float eta, boolean adding) {
        List<Parameter> params = net.parameters();
        boolean[] tables = new boolean[params.size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = params.get(i).sparse();
        }
        return new BlockMomentum(eta, adding, tables, params.stream().mapToInt(p -> p.sparse() ? p.cols()
                : p.value().length).toArray(), params.stream().mapToInt(p -> p.value().length).toArray());
    }

    /** For Hogwild SGD over {@code partitions} partitions. */
    static BlockMomentum filtering(Network net, int partitions) {
        return of(net, 1 - 1f / partitions, false);
    }

    /** For a mini-batch optimiser: the updates added, no momentum. */
    static BlockMomentum adding(Network net) {
        return of(net, 0, true);
    }

    /** A copy of {@code state}, for an executor: {@code sizes} are the parameters' lengths. */
    static BlockMomentum of(State state, int[] sizes) {
        BlockMomentum m = new BlockMomentum(state.eta(), state.adding(), state.tables(), state.cols(), sizes);
        for (int i = 0; i < sizes.length; i++) {
            int[] rows = state.rows()[i];
            if (rows == null) {
                System.arraycopy(state.values()[i], 0, m.momentum[i], 0, sizes[i]);
                m.moving[i].set(0);
                continue;
            }
            int c = state.cols()[i];
            for (int k = 0; k < rows.length; k++) {
                System.arraycopy(state.values()[i], k * c, m.momentum[i], rows[k] * c, c);
                m.moving[i].set(rows[k]);
            }
        }
        return m;
    }

    State state() {
        int[][] rows = new int[cols.length][];
        float[][] values = new float[cols.length][];
        for (int i = 0; i < cols.length; i++) {
            if (!tables[i]) {
                values[i] = momentum[i].clone();
                continue;
            }
            rows[i] = moving[i].stream().toArray();
            values[i] = new float[rows[i].length * cols[i]];
            for (int k = 0; k < rows[i].length; k++) {
                System.arraycopy(momentum[i], rows[i][k] * cols[i], values[i], k * cols[i], cols[i]);
            }
        }
        return new State(eta, adding, tables, cols, rows, values);
    }

    /**
     * The round's update, version {@code version}: the partitions' mean update, weighted by their rows ({@code zeta}
     * times it when adding); a table's rows that some partition changed, a dense parameter whole.
     */
    Replica.Delta mean(List<SparkTraining.Shard> shards, int version) {
        long total = shards.stream().mapToLong(SparkTraining.Shard::rows).sum();
        // adding: as many updates as partitions trained this round
        float z = adding ? shards.stream().filter(s -> s.rows() > 0).count() : 1;
        int n = cols.length;
        int[][] rows = new int[n][];
        float[][] values = new float[n][];
        for (int i = 0; i < n; i++) {
            int c = cols[i];
            int p = i;
            int[] union = !tables[i] ? null
                    : shards.stream().flatMapToInt(s -> Arrays.stream(s.changed()[p])).distinct().sorted().toArray();
            float[] sum = new float[union == null ? momentum[i].length : union.length * c];
            for (SparkTraining.Shard s : shards) {
                if (s.rows() == 0) {
                    continue;
                }
                float share = z * s.rows() / total;
                float[] u = s.updates()[i];
                int[] changed = s.changed()[i];
                for (int k = 0; changed != null && k < changed.length; k++) {
                    int at = Arrays.binarySearch(union, changed[k]) * c;
                    for (int j = 0; j < c; j++) {
                        sum[at + j] += share * u[k * c + j];
                    }
                }
                if (changed == null) {
                    for (int j = 0; j < sum.length; j++) {
                        sum[j] += share * u[j];
                    }
                }
            }
            rows[i] = union;
            values[i] = sum;
        }
        return new Replica.Delta(version, rows, values);
    }

    /**
     * Moves {@code weights} by update {@code d}: {@code G = eta * G + d}, then {@code w += G} on every moving row.
     * Returns, per table, the rows that moved (null for a dense parameter).
     */
    int[][] apply(float[][] weights, Replica.Delta d) {
        int[][] moved = new int[cols.length][];
        for (int i = 0; i < cols.length; i++) {
            boolean table = tables[i];
            int c = cols[i];
            float[] g = momentum[i];
            BitSet on = moving[i];
            decay(g, on, c);
            float[] u = d.values()[i];
            int[] at = table ? d.rows()[i] : new int[] {0};
            for (int k = 0; k < at.length; k++) {
                on.set(at[k]);
                for (int j = 0, w = at[k] * c; j < c; j++, w++) {
                    g[w] += u[k * c + j];
                }
            }
            float[] v = weights[i];
            IntList out = new IntList();
            for (int r = on.nextSetBit(0); r >= 0; r = on.nextSetBit(r + 1)) {
                for (int j = r * c; j < (r + 1) * c; j++) {
                    v[j] += g[j];
                }
                out.add(r);
            }
            moved[i] = table ? out.toArray() : null;
        }
        return moved;
    }

    /** {@code G *= eta} on the moving rows; a row whose momentum fell below {@link #LEAST} stops. */
    private void decay(float[] g, BitSet on, int cols) {
        for (int r = on.nextSetBit(0); r >= 0; r = on.nextSetBit(r + 1)) {
            float most = 0;
            for (int j = r * cols; j < (r + 1) * cols; j++) {
                g[j] *= eta;
                most = Math.max(most, Math.abs(g[j]));
            }
            if (most < LEAST) {
                Arrays.fill(g, r * cols, (r + 1) * cols, 0f);
                on.clear(r);
            }
        }
    }
}
