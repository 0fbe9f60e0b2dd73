package org.fenlei;

import java.util.List;

/**
 * A model's answer for one text. Classification: the best {@code label}, its {@code probability}, and the
 * {@code top} labels best first; {@code value} is null. Regression: {@code value} only.
 */
public record Prediction(String label, Double probability, List<ScoredLabel> top, Double value) {
    public Prediction {
        top = top == null ? List.of() : List.copyOf(top);
    }
}
