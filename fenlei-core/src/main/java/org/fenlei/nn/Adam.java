package org.fenlei.nn;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1, in the form of section 2's last paragraph with epsilon-hat, as Keras
 * computes it): m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2, w -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps).
 * Sparse parameters are updated lazily: only rows with a gradient, as TensorFlow's LazyAdam, which keeps the
 * cost of a step proportional to the words in a batch rather than to the vocabulary.
 * <p>With a weight decay it is AdamW (Loshchilov &amp; Hutter 2019, Algorithm 2): w -= lr wd w besides the step,
 * decoupled from the gradient's moments, on weight matrices only (not biases or LayerNorm parameters, as BERT).
 */
public final class Adam implements Optimizer {
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final float EPSILON = 1e-7f;
    /** BERT's fine-tuning weight decay. */
    public static final float BERT_WEIGHT_DECAY = 0.01f;

    private final float learningRate;
    private final float[][] m;
    private final float[][] v;
    private final float weightDecay;
    private final boolean[] decays;
    /** Each parameter's multiple of the rate, or null for 1. */
    private final float[] rates;
    private long step;
    private float stepSize;
    private float keep;

    public Adam(List<Parameter> parameters, float learningRate) {
        this(parameters, learningRate, 0f);
    }

    /** @param weightDecay AdamW's decoupled decay of weight matrices per unit learning rate; 0 for Adam */
    public Adam(List<Parameter> parameters, float learningRate, float weightDecay) {
        this(parameters, learningRate, weightDecay, null);
    }

    /**
     * @param rates each parameter's rate as a multiple of the learning rate (layer-wise decay), its weight decay
     *              scaled alike; null: 1 for all
     */
    public Adam(List<Parameter> parameters, float learningRate, float weightDecay, float[] rates) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            throw new IllegalArgumentException("weight decay must be in [0, 1), was " + weightDecay);
        }
        if (rates != null && rates.length != parameters.size()) {
            throw new IllegalArgumentException(rates.length + " rates for " + parameters.size() + " parameters");
        }
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.rates = rates;
        decays = new boolean[parameters.size()];
        m = new float[parameters.size()][];
        v = new float[parameters.size()][];
        for (int i = 0; i < parameters.size(); i++) {
            m[i] = new float[parameters.get(i).value().length];
            v[i] = new float[parameters.get(i).value().length];
            // biases and LayerNorm gains are single rows
            decays[i] = parameters.get(i).rows() > 1;
        }
    }

    @Override
    public void advance(float rateFactor) {
        step++;
        stepSize = (float) (learningRate * rateFactor * Math.sqrt(1 - Math.pow(BETA2, step))
                / (1 - Math.pow(BETA1, step)));
        keep = 1 - learningRate * rateFactor * weightDecay;
    }

    @Override
    public void apply(int index, float[] w, float[] g, int from, int to) {
        float[] m = this.m[index];
        float[] v = this.v[index];
        final float b1 = (float) BETA1;
        final float b2 = (float) BETA2;
        final float rate = rates == null ? 1f : rates[index];
        final float size = stepSize * rate;
        if (weightDecay > 0 && decays[index]) {
            final float kept = rates == null ? keep : 1 - (1 - keep) * rate;
            for (int j = from; j < to; j++) {
                w[j] *= kept;
            }
        }
        for (int j = from; j < to; j++) {
            float gj = g[j];
            float mj = b1 * m[j] + (1 - b1) * gj;
            float vj = b2 * v[j] + (1 - b2) * gj * gj;
            m[j] = mj;
            v[j] = vj;
            w[j] -= size * mj / ((float) Math.sqrt(vj) + EPSILON);
        }
    }
}
