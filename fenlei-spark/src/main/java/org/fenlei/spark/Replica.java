package org.fenlei.spark;

import org.apache.spark.broadcast.Broadcast;
import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * An executor's copy of a training run's weights and block momentum, kept between rounds so that a round sends only
 * its update of the rows some partition changed ({@link Delta}) instead of the whole model; the copy applies it
 * exactly as the driver does ({@link BlockMomentum#apply}). It starts from, or falls back to, the epoch's
 * {@link Snapshot} (an executor that joins late, or lost its copy), then applies the epoch's deltas in order.
 * Tasks of one round read it under a shared lock while they train; bringing it to the next version takes the
 * exclusive lock, so a later round never changes it under an earlier round's task.
 * One run at a time per executor: a new run drops the copies of any other.
 */
final class Replica {
    private static final Map<String, Replica> RUNS = new ConcurrentHashMap<>();

    /** The whole model and momentum at the start of an epoch: version {@code version}. */
    record Snapshot(int version, float[][] values, BlockMomentum.State momentum) implements java.io.Serializable {
    }

    /**
     * The round's update from version {@code version - 1} to {@code version}, before the momentum: for a table, of
     * the rows {@code rows[i]} (ascending); for a dense parameter ({@code rows[i] == null}) all of it.
     */
    record Delta(int version, int[][] rows, float[][] values) implements java.io.Serializable {
        long bytes() {
            long n = 0;
            for (int i = 0; i < values.length; i++) {
                n += 4L * values[i].length + (rows[i] == null ? 0 : 4L * rows[i].length);
            }
            return n;
        }
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Deque<Working> idle = new ArrayDeque<>();
    private float[][] values;
    private BlockMomentum momentum;
    private int version = -1;
    /** The table rows that moved from {@code version - 1} to {@code version}; null after a snapshot. */
    private int[][] moved;

    /**
     * A network to train on and what it holds: the weights of {@code version} except the table rows
     * {@code dirty} (the rows its last round changed); null: unknown.
     */
    static final class Working {
        final Network net;
        private int version = -1;
        private int[][] dirty;

        private Working(Network net) {
            this.net = net;
        }
    }

    static Replica of(String run) {
        RUNS.keySet().removeIf(other -> !other.equals(run));
        return RUNS.computeIfAbsent(run, r -> new Replica());
    }

    /** Drops this executor's copy of {@code run}. */
    static void release(String run) {
        RUNS.remove(run);
    }

    /**
     * Brings the copy to the last delta's version (or the snapshot's, with none), then holds it for reading
     * until {@link #unlock}.
     */
    void lockAt(Broadcast<Snapshot> snapshot, List<Broadcast<Delta>> deltas) {
        int target = deltas.isEmpty() ? snapshot.value().version() : deltas.get(deltas.size() - 1).value().version();
        lock.readLock().lock();
        if (version == target) {
            return;
        }
        lock.readLock().unlock();
        lock.writeLock().lock();
        try {
            Snapshot start = snapshot.value();
            if (values == null || version < start.version() || version > target) {
                values = new float[start.values().length][];
                int[] sizes = new int[values.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = start.values()[i].clone();
                    sizes[i] = values[i].length;
                }
                momentum = BlockMomentum.of(start.momentum(), sizes);
                version = start.version();
                moved = null;
            }
            for (Broadcast<Delta> b : deltas) {
                Delta d = b.value();
                if (d.version() == version + 1) {
                    moved = momentum.apply(values, d);
                    version = d.version();
                }
            }
            if (version != target) {
                throw new IllegalStateException("the executor's weights reached version " + version + ", not "
                        + target + ": a round's changes are missing");
            }
            lock.readLock().lock();
        } finally {
            lock.writeLock().unlock();
        }
    }

    void unlock() {
        lock.readLock().unlock();
    }

    /** The weights of the version held (read them only between {@link #lockAt} and {@link #unlock}). */
    float[][] values() {
        return values;
    }

    /**
     * A network to train on, holding this copy's weights (read under {@link #lockAt}); give it back with
     * {@link #release(Working, int[][])}. A network trained at this version or the one before is brought up to date
     * by the rows that changed since (its own, and those the last update moved), not by copying whole tables.
     */
    Working borrow(Supplier<Network> build) {
        Working w;
        synchronized (idle) {
            w = idle.poll();
        }
        if (w == null) {
            w = new Working(build.get());
        }
        boolean rows = w.dirty != null && (w.version == version || w.version == version - 1 && moved != null);
        List<Parameter> params = w.net.parameters();
        for (int i = 0; i < params.size(); i++) {
            float[] to = params.get(i).value();
            if (!rows || !params.get(i).sparse()) {
                System.arraycopy(values[i], 0, to, 0, to.length);
                continue;
            }
            int cols = params.get(i).cols();
            copyRows(w.dirty[i], values[i], to, cols);
            if (w.version < version) {
                copyRows(moved[i], values[i], to, cols);
            }
        }
        w.version = version;
        w.dirty = null;
        return w;
    }

    private static void copyRows(int[] rows, float[] from, float[] to, int cols) {
        for (int r : rows) {
            System.arraycopy(from, r * cols, to, r * cols, cols);
        }
    }

    /** Takes back a network whose training changed the table rows {@code changed} (null for dense parameters). */
    void release(Working w, int[][] changed) {
        w.dirty = changed;
        synchronized (idle) {
            idle.push(w);
        }
    }
}
