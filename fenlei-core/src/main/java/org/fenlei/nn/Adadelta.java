package org.fenlei.nn;

import java.util.List;

/**
 * Adadelta (Zeiler 2012, Algorithm 1): E[g^2] = rho E[g^2] + (1-rho) g^2, d = -sqrt(E[d^2] + eps) /
 * sqrt(E[g^2] + eps) g, E[d^2] = rho E[d^2] + (1-rho) d^2, w += lr d. Kim (2014) trains his CNN with it (rho
 * 0.95, eps 1e-6, lr 1): a rarely seen word's embedding moves by little until its updates accumulate, where
 * Adam moves every touched row by about the learning rate. Sparse parameters are updated on touched rows only.
 */
public final class Adadelta implements Optimizer {
    public static final float DEFAULT_LEARNING_RATE = 1f;
    private static final float RHO = 0.95f;
    private static final float EPSILON = 1e-6f;

    private final float learningRate;
    private final float[][] squaredGradients;
    private final float[][] squaredUpdates;
    private float rate;

    public Adadelta(List<Parameter> parameters, float learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
        this.learningRate = learningRate;
        this.rate = learningRate;
        squaredGradients = new float[parameters.size()][];
        squaredUpdates = new float[parameters.size()][];
        for (int i = 0; i < parameters.size(); i++) {
            squaredGradients[i] = new float[parameters.get(i).value().length];
            squaredUpdates[i] = new float[parameters.get(i).value().length];
        }
    }

    @Override
    public void advance(float rateFactor) {
        rate = learningRate * rateFactor;
    }

    @Override
    public void apply(int index, float[] w, float[] g, int from, int to) {
        float[] eg = squaredGradients[index];
        float[] ed = squaredUpdates[index];
        for (int j = from; j < to; j++) {
            float gj = g[j];
            float egj = RHO * eg[j] + (1 - RHO) * gj * gj;
            float d = -(float) Math.sqrt((ed[j] + EPSILON) / (egj + EPSILON)) * gj;
            eg[j] = egj;
            ed[j] = RHO * ed[j] + (1 - RHO) * d * d;
            w[j] += rate * d;
        }
    }
}
