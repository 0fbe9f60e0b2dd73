package org.fenlei.spark;

import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.fenlei.text.IntList;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * How the driver combines a round's updates: block-wise model-update filtering (BMUF; Chen and Huo 2016, "Scalable
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
 * A table row's momentum is kept while any of its components is at least {@value #LEAST}; below, it stops, so
 * that a round sends the rows still moving, not the whole table.
 */
final class BlockMomentum {
    private static final float LEAST = 1e-6f;
    private final float eta;
    private final boolean addUpdates;
    private final float[][] momentum;
    private final BitSet[] moving;

    private BlockMomentum(Network net, float eta, boolean addUpdates) {
        this.eta = eta;
        this.addUpdates = addUpdates;
        List<Parameter> params = net.parameters();
        momentum = new float[params.size()][];
        moving = new BitSet[params.size()];
        for (int i = 0; i < params.size(); i++) {
            momentum[i] = new float[params.get(i).value().length];
            moving[i] = new BitSet();
        }
    }

    /** For Hogwild SGD over {@code partitions} partitions. */
    static BlockMomentum filtering(Network net, int partitions) {
        return new BlockMomentum(net, 1 - 1f / partitions, false);
    }

    /** For a mini-batch optimiser: the updates added, no momentum. */
    static BlockMomentum adding(Network net) {
        return new BlockMomentum(net, 0, true);
    }

    /** Moves {@code net} by the round's updates; what moved is the round's delta, version {@code version}. */
    Replica.Delta step(Network net, List<SparkTraining.Shard> shards, int version) {
        long total = shards.stream().mapToLong(SparkTraining.Shard::rows).sum();
        long trained = shards.stream().filter(s -> s.rows() > 0).count();
        float zeta = addUpdates ? trained : 1;
        List<Parameter> params = net.parameters();
        int[][] rows = new int[params.size()][];
        float[][] values = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            boolean table = p.sparse();
            int cols = table ? p.cols() : p.value().length;
            float[] g = momentum[i];
            BitSet on = moving[i];
            decay(g, on, cols);
            for (SparkTraining.Shard s : shards) {
                if (s.rows() == 0) {
                    continue;
                }
                float share = zeta * s.rows() / total;
                float[] u = s.updates()[i];
                int[] changed = table ? s.changed()[i] : new int[] {0};
                for (int k = 0; k < changed.length; k++) {
                    on.set(changed[k]);
                    for (int c = 0, j = changed[k] * cols; c < cols; c++, j++) {
                        g[j] += share * u[k * cols + c];
                    }
                }
            }
            float[] v = p.value();
            IntList moved = new IntList();
            for (int r = on.nextSetBit(0); r >= 0; r = on.nextSetBit(r + 1)) {
                for (int j = r * cols; j < (r + 1) * cols; j++) {
                    v[j] += g[j];
                }
                moved.add(r);
            }
            if (!table) {
                values[i] = v.clone();
                continue;
            }
            rows[i] = moved.toArray();
            values[i] = new float[rows[i].length * cols];
            for (int k = 0; k < rows[i].length; k++) {
                System.arraycopy(v, rows[i][k] * cols, values[i], k * cols, cols);
            }
        }
        return new Replica.Delta(version, rows, values);
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
