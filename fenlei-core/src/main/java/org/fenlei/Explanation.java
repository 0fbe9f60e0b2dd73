package org.fenlei;

import java.util.List;

/**
 * Why a model gave a text a label: each feature's signed contribution to the label's score, largest first.
 * {@code score} is the label's score for the text and {@code baseline} its score for a text without features, so
 * the contributions sum to {@code score - baseline}, up to {@code completenessError}. The score is the label's
 * logit (for two classes, the second label's logit and minus it for the first), or its log-probability for a
 * hierarchical softmax; a fitted temperature does not enter it.
 *
 * @param method            {@value #EXACT} where the model is linear in its features (fastText-class and linear
 *                          models: each term is the feature's own), else {@value #INTEGRATED_GRADIENTS} on the
 *                          token vectors from zero vectors (Sundararajan et al. 2017), {@link #STEPS} steps
 * @param completenessError the sum of the contributions less {@code score - baseline}: rounding for exact
 *                          explanations, the integration error for integrated gradients
 */
public record Explanation(String label, double probability, String method, double score, double baseline,
                          List<Contribution> contributions, double completenessError) {
    public static final String EXACT = "exact";
    public static final String INTEGRATED_GRADIENTS = "integrated-gradients";
    /** Steps (quadrature nodes) of integrated gradients along the path from the baseline to the text. */
    public static final int STEPS = 50;

    /** A feature (a token, with its character n-grams; or a word n-gram) and its part in the label's score. */
    public record Contribution(String feature, double value) {
    }

    public Explanation {
        contributions = List.copyOf(contributions);
    }

    /** The {@code n} contributions of largest magnitude. */
    public List<Contribution> top(int n) {
        return contributions.subList(0, Math.min(n, contributions.size()));
    }
}
