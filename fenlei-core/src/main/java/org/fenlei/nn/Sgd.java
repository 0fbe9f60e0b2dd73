package org.fenlei.nn;

/** Plain stochastic gradient descent, w -= lr g; sparse parameters only on rows with a gradient. */
public final class Sgd implements Optimizer {
    private final float learningRate;
    private float rate;

    public Sgd(float learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
        this.learningRate = learningRate;
        this.rate = learningRate;
    }

    @Override
    public void advance(float rateFactor) {
        rate = learningRate * rateFactor;
    }

    @Override
    public void apply(int index, float[] w, float[] g, int from, int to) {
        for (int j = from; j < to; j++) {
            w[j] -= rate * g[j];
        }
    }
}
