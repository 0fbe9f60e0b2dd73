package org.fenlei;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A model's answer for one text. Classification: the best {@code label}, its {@code probability}, and the
 * {@code top} labels best first; {@code value} is null. Regression: {@code value} only.
 */
public record Prediction(String label, Double probability, List<ScoredLabel> top, Double value) {
    public Prediction {
        top = top == null ? List.of() : List.copyOf(top);
    }

    /**
     * The labels of {@link #top} whose probability reaches {@code threshold}: a multi-label model's answer (every
     * label it assigns), or a classifier's confident ones. The best label stays as it is, even when below.
     */
    public Prediction atLeast(double threshold) {
        return atLeast(label -> threshold);
    }

    /** The labels of {@link #top} whose probability reaches their own threshold ({@link Classifier#threshold}). */
    public Prediction atLeast(ToDoubleFunction<String> thresholds) {
        return new Prediction(label, probability,
                top.stream().filter(s -> s.probability() >= thresholds.applyAsDouble(s.label())).toList(), value);
    }
}
