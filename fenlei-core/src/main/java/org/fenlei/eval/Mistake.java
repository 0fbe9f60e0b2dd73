package org.fenlei.eval;

import org.fenlei.nn.ArgMax;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A text the model got wrong: where it is ({@code line} of the evaluated file), its true label, the label the model
 * chose and the probability it gave that label. The most confident mistakes are the first place to look for wrong
 * labels in the data and for what the model has not learned.
 */
public record Mistake(long line, String text, String truth, String predicted, double probability) {
    /**
     * The {@code n} wrong predictions with the highest probability, most confident first (ties in file order).
     *
     * @param probabilities (N, K) row-major class probabilities
     */
    public static List<Mistake> mostConfident(int n, List<String> labels, List<String> texts, long[] lines,
                                              int[] truth, float[] probabilities) {
        int k = labels.size();
        Comparator<Integer> byConfidence = Comparator.<Integer>comparingDouble(
                i -> probabilities[i * k + ArgMax.of(probabilities, i * k, k)]).thenComparing(i -> -i);
        PriorityQueue<Integer> best = new PriorityQueue<>(byConfidence);
        for (int i = 0; i < truth.length && n > 0; i++) {
            if (ArgMax.of(probabilities, i * k, k) == truth[i]) {
                continue;
            }
            best.add(i);
            if (best.size() > n) {
                best.poll();
            }
        }
        List<Mistake> out = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            int i = best.poll();
            int predicted = ArgMax.of(probabilities, i * k, k);
            out.add(0, new Mistake(lines[i], texts.get(i), labels.get(truth[i]), labels.get(predicted),
                    probabilities[i * k + predicted]));
        }
        return out;
    }
}
