package org.fenlei.spark;

import org.fenlei.model.NetworkConfig;
import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BlockMomentumTest {
    /** A fastText-class network: a table of 6 rows of 4 (sparse), then dense layers. */
    private static Network net() {
        return new NetworkConfig(NetworkConfig.FASTTEXT, 4, 0, 0f, 0f).build(6, 0, 2, 1);
    }

    /** A partition's update of {@code rows} rows: table rows {@code changed} by {@code by}, dense by {@code dense}. */
    private static SparkTraining.Shard shard(Network net, int rows, int[] changed, float by, float dense) {
        List<Parameter> params = net.parameters();
        int[][] c = new int[params.size()][];
        float[][] u = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            c[i] = p.sparse() ? changed : null;
            u[i] = new float[p.sparse() ? changed.length * p.cols() : p.value().length];
            Arrays.fill(u[i], p.sparse() ? by : dense);
        }
        return new SparkTraining.Shard(c, u, rows);
    }

    /** The network's live weights. */
    private static float[][] weights(Network net) {
        return net.parameters().stream().map(Parameter::value).toArray(float[][]::new);
    }

    /** A copy of the network's weights. */
    private static float[][] values(Network net) {
        return net.parameters().stream().map(p -> p.value().clone()).toArray(float[][]::new);
    }

    /** One round on the driver: the mean update, applied; returns it. */
    private static Replica.Delta step(BlockMomentum m, Network net, List<SparkTraining.Shard> shards, int version) {
        Replica.Delta d = m.mean(shards, version);
        m.apply(weights(net), d);
        return d;
    }

    private static int table(Network net) {
        List<Parameter> params = net.parameters();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).sparse()) {
                return i;
            }
        }
        throw new AssertionError("no table");
    }

    @Test
    void aMiniBatchOptimisersUpdatesAreAdded() {
        Network net = net();
        int t = table(net);
        float[][] before = values(net);
        Replica.Delta delta = step(BlockMomentum.adding(net), net, List.of(shard(net, 50, new int[] {1}, 1f, 1f),
                shard(net, 50, new int[] {1, 3}, 2f, 3f)), 1);
        float[] table = net.parameters().get(t).value();
        assertEquals(before[t][4] + 3f, table[4], 1e-6f, "row 1: 1 + 2");
        assertEquals(before[t][12] + 2f, table[12], 1e-6f, "row 3");
        assertEquals(before[t][0], table[0], 0f, "row 0 untouched");
        assertArrayEquals(new int[] {1, 3}, delta.rows()[t]);
        assertArrayEquals(new float[] {3, 3, 3, 3, 2, 2, 2, 2}, delta.values()[t], 1e-6f, "the update, not the weights");
        for (int i = 0; i < before.length; i++) {
            if (i != t) {
                assertEquals(before[i][0] + 4f, net.parameters().get(i).value()[0], 1e-5f, "dense: 1 + 3");
                assertEquals(4f, delta.values()[i][0], 1e-6f);
            }
        }
    }

    @Test
    void filteringMovesByTheMeanFirstAndApproachesTheSumOfAgreeingUpdates() {
        Network net = net();
        int dense = table(net) == 0 ? 1 : 0;
        BlockMomentum momentum = BlockMomentum.filtering(net, 4);
        float last = net.parameters().get(dense).value()[0];
        for (int round = 1; round <= 60; round++) {
            List<SparkTraining.Shard> shards = List.of(shard(net, 10, new int[0], 0f, 1f),
                    shard(net, 10, new int[0], 0f, 1f), shard(net, 10, new int[0], 0f, 1f),
                    shard(net, 10, new int[0], 0f, 1f));
            step(momentum, net, shards, round);
            float now = net.parameters().get(dense).value()[0];
            if (round == 1) {
                assertEquals(1f, now - last, 1e-5f, "the first round moves by the mean");
            }
            if (round == 60) {
                assertEquals(4f, now - last, 1e-3f, "agreeing rounds move by K times the mean");
            }
            last = now;
        }
    }

    @Test
    void aRowKeepsMovingWhileItsMomentumLastsWithoutBeingSent() {
        Network net = net();
        int t = table(net);
        float[][] weights = weights(net);
        float start = weights[t][8];
        BlockMomentum momentum = BlockMomentum.filtering(net, 2);
        Replica.Delta first = momentum.mean(List.of(shard(net, 10, new int[] {2}, 2e-3f, 0f),
                shard(net, 10, new int[0], 0f, 0f)), 1);
        assertArrayEquals(new int[] {2}, first.rows()[t]);
        momentum.apply(weights, first);
        int movedUntil = 1;
        for (int round = 2; round < 40; round++) {
            Replica.Delta d = momentum.mean(List.of(shard(net, 10, new int[0], 0f, 0f),
                    shard(net, 10, new int[0], 0f, 0f)), round);
            assertEquals(0, d.rows()[t].length, "no partition changed a row: none is sent");
            int[][] moved = momentum.apply(weights, d);
            if (moved[t].length > 0) {
                assertArrayEquals(new int[] {2}, moved[t]);
                movedUntil = round;
            }
        }
        // the mean 1e-3, then 1e-3 / 2^k while at least 1e-6: 10 rounds, and it moved by about twice the mean
        assertEquals(10, movedUntil);
        assertEquals(2e-3f, weights[t][8] - start, 1e-5f);
    }

    @Test
    void anExecutorsCopyFromTheStateFollowsTheDriverToTheBit() {
        Network net = net();
        float[][] driver = weights(net);
        BlockMomentum onDriver = BlockMomentum.filtering(net, 3);
        java.util.Random random = new java.util.Random(5);
        BlockMomentum onExecutor = null;
        float[][] executor = null;
        for (int round = 1; round <= 12; round++) {
            List<SparkTraining.Shard> shards = List.of(
                    shard(net, 1 + random.nextInt(9), new int[] {random.nextInt(6)}, random.nextFloat() - 0.5f,
                            random.nextFloat() - 0.5f),
                    shard(net, 1 + random.nextInt(9), new int[] {0, 5}, random.nextFloat() - 0.5f,
                            random.nextFloat() - 0.5f),
                    shard(net, 1 + random.nextInt(9), new int[0], 0f, random.nextFloat() - 0.5f));
            Replica.Delta d = onDriver.mean(shards, round);
            if (round == 5) {
                // a snapshot: the weights and the momentum's state, as an executor receives them
                executor = Arrays.stream(driver).map(float[]::clone).toArray(float[][]::new);
                onExecutor = BlockMomentum.of(onDriver.state(), Arrays.stream(driver).mapToInt(v -> v.length)
                        .toArray());
            }
            onDriver.apply(driver, d);
            if (onExecutor != null) {
                onExecutor.apply(executor, d);
                for (int i = 0; i < driver.length; i++) {
                    assertArrayEquals(driver[i], executor[i], "round " + round + ", parameter " + i);
                }
            }
        }
    }
}
