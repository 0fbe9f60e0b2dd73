package org.fenlei.model;

import java.util.List;

/**
 * How a model search chose a model: what it tried, in order, with the validation score, the time each took and
 * why one was left out; the chosen candidate was then trained again on all the training data.
 *
 * @param chosen     the name of the candidate chosen
 * @param metric     what the scores are: accuracy, macro-F1 (imbalanced classes), micro-F1 (multi-label) or R^2
 * @param validation how the scores were measured, in words
 * @param trials     every candidate, in the order tried
 */
public record ModelChoice(String chosen, String metric, String validation, List<Trial> trials) {
    public ModelChoice {
        trials = List.copyOf(trials);
    }

    /**
     * One candidate: its score on the validation rows and the seconds its training and scoring took; {@code note}
     * says why it was not eligible (at chance on validation, over the budget), or is null.
     */
    public record Trial(String candidate, String description, Double score, double seconds, String note) {
    }
}
