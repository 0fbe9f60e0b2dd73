package org.fenlei.nn;

import java.util.List;

/**
 * Updates parameters from accumulated gradients, element by element. One step is {@link #advance} once, then
 * {@link #update} for each of {@code parts} disjoint shares of the elements, which may run on different threads.
 * Sparse parameters are updated only on rows that received a gradient.
 */
public interface Optimizer {
    /** Starts a step at {@code rateFactor} times the configured learning rate (a schedule's factor; 1 = as set). */
    void advance(float rateFactor);

    /** Updates w[from..to) of parameter {@code index} from gradient g[from..to). */
    void apply(int index, float[] w, float[] g, int from, int to);

    /** Applies share {@code part} of {@code parts} of the step to every parameter. */
    default void update(Gradients grads, int part, int parts) {
        List<Parameter> params = grads.parameters();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (p.frozen()) {
                continue;
            }
            float[] w = p.value();
            float[] g = grads.values(i);
            if (!p.sparse()) {
                apply(i, w, g, share(w.length, part, parts), share(w.length, part + 1, parts));
                continue;
            }
            int[] rows = grads.touchedRows(i);
            int count = grads.touchedCount(i);
            int cols = p.cols();
            for (int r = share(count, part, parts), end = share(count, part + 1, parts); r < end; r++) {
                int off = rows[r] * cols;
                apply(i, w, g, off, off + cols);
            }
        }
    }

    private static int share(int length, int part, int parts) {
        return (int) ((long) length * part / parts);
    }

    static Optimizer named(String name, float learningRate, List<Parameter> parameters) {
        return named(name, learningRate, parameters, null);
    }

    /**
     * {@link #named(String, float, List)} with each parameter's rate a multiple of the learning rate ({@code rates},
     * one per parameter; null: all 1), as layer-wise decay sets them; Adam and AdamW take them, the others refuse.
     */
    static Optimizer named(String name, float learningRate, List<Parameter> parameters, float[] rates) {
        if (rates != null && !name.startsWith("adam")) {
            throw new IllegalArgumentException("rates per layer are for adam and adamw, not " + name);
        }
        return switch (name) {
            case "adam" -> new Adam(parameters, learningRate, 0f, rates);
            case "adamw" -> new Adam(parameters, learningRate, Adam.BERT_WEIGHT_DECAY, rates);
            case "adadelta" -> new Adadelta(parameters, learningRate);
            case "sgd" -> new Sgd(learningRate);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; use adam, adamw, adadelta "
                    + "or sgd");
        };
    }
}
