package org.fenlei.nn;

/** (z - y)^2 per output, for regression; d/dz = 2 (z - y). The output is used as it is. */
public final class MeanSquaredError implements Loss {
    public static final String NAME = "mse";

    @Override
    public double forwardBackward(float[] logits, float[] targets, int batch, int k, float scale, float[] dLogits) {
        double sum = 0;
        for (int n = 0; n < batch; n++) {
            float d = logits[n] - targets[n];
            sum += (double) d * d;
            dLogits[n] = scale * 2f * d;
        }
        return sum;
    }

    @Override
    public void activate(float[] logits, int offset, int k) {
        // identity: a regression output is its own prediction
    }

    @Override
    public String name() {
        return NAME;
    }
}
