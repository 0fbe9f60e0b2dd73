package org.fenlei.nn;

/**
 * The logits of a network that is linear in its input tokens, taken apart: a constant (the logits of a text without
 * tokens) plus one term per token, so that a token's part in a prediction is exact (a fastText-class model, a
 * linear model). A network gives one through {@link Network#tokenTerms()} where it is such a network.
 */
public interface TokenTerms {
    /**
     * Writes token {@code t}'s term to output {@code k} into {@code terms[t * K + k]} for one document's ids, and
     * returns the constant (K values); the document's logits are the constant plus the sum of its tokens' terms.
     */
    float[] terms(int[] ids, float[] terms);
}
