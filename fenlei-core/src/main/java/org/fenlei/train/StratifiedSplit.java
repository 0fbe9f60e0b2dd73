package org.fenlei.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Splits row indices into train and test so each class keeps its share in both (scikit-learn's
 * train_test_split(stratify=y)): per class, shuffle with the seed and send round(share * n) rows to test.
 * Classes with a single row stay in train.
 */
public final class StratifiedSplit {
    private final int[] train;
    private final int[] test;

    private StratifiedSplit(int[] train, int[] test) {
        this.train = train;
        this.test = test;
    }

    /**
     * @param classes   the class of each row (0..K-1); for regression pass all zeros for a plain random split
     * @param testShare share of each class sent to test, in (0, 1)
     */
    public static StratifiedSplit of(int[] classes, double testShare, long seed) {
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("testShare must be in (0, 1), was " + testShare);
        }
        int k = Arrays.stream(classes).max().orElse(-1) + 1;
        List<List<Integer>> byClass = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < classes.length; i++) {
            byClass.get(classes[i]).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] train = new int[classes.length];
        int[] test = new int[classes.length];
        int nTrain = 0;
        int nTest = 0;
        for (List<Integer> rows : byClass) {
            int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
            shuffle(r, random);
            int toTest = r.length < 2 ? 0 : (int) Math.min(r.length - 1, Math.max(1, Math.round(testShare * r.length)));
            for (int i = 0; i < r.length; i++) {
                if (i < toTest) {
                    test[nTest++] = r[i];
                } else {
                    train[nTrain++] = r[i];
                }
            }
        }
        int[] trainRows = Arrays.copyOf(train, nTrain);
        int[] testRows = Arrays.copyOf(test, nTest);
        Arrays.sort(trainRows);
        Arrays.sort(testRows);
        return new StratifiedSplit(trainRows, testRows);
    }

    /** Fisher-Yates shuffle (Knuth, TAOCP vol. 2, Algorithm P). */
    /** The fold (0..k-1) of each row, each class dealt round the folds in a shuffled order (stratified k-fold). */
    public static int[] folds(int[] classes, int k, long seed) {
        int max = Arrays.stream(classes).max().orElse(0);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < classes.length; i++) {
            byClass.get(Math.max(0, classes[i])).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[classes.length];
        int next = 0;
        for (List<Integer> rows : byClass) {
            int[] a = rows.stream().mapToInt(Integer::intValue).toArray();
            shuffle(a, random);
            for (int r : a) {
                fold[r] = next++ % k;
            }
        }
        return fold;
    }

    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    public int[] train() {
        return train.clone();
    }

    public int[] test() {
        return test.clone();
    }
}
