package org.fenlei.nn;

/**
 * Long short-term memory (Hochreiter &amp; Schmidhuber 1997, with the forget gate of Gers et al. 2000), gates in
 * PyTorch's order i, f, g, o: c = f c' + i g, h = o tanh(c). The state is the cell c. The forget gate's bias
 * starts at 1 (Jozefowicz et al. 2015), so gradients flow through time from the first step.
 */
final class LstmCell implements RecurrentCell {
    @Override
    public int gates() {
        return 4;
    }

    @Override
    public float initialBias(int gate) {
        return gate == 1 ? 1f : 0f;
    }

    @Override
    public void forward(int rows, int hidden, boolean first, float[] a, int ao, float[] z, int zo, float[] hPrev,
                        int hpo, float[] statePrev, int spo, float[] state, int so, float[] h, int ho) {
        int g4 = 4 * hidden;
        for (int r = 0; r < rows; r++) {
            int ar = ao + r * g4;
            int zr = zo + r * g4;
            for (int j = 0; j < hidden; j++) {
                float i = BinaryCrossEntropy.sigmoid(a[ar + j] + z[zr + j]);
                float f = BinaryCrossEntropy.sigmoid(a[ar + hidden + j] + z[zr + hidden + j]);
                float g = Activation.tanh(a[ar + 2 * hidden + j] + z[zr + 2 * hidden + j]);
                float o = BinaryCrossEntropy.sigmoid(a[ar + 3 * hidden + j] + z[zr + 3 * hidden + j]);
                float c = i * g + (first ? 0f : f * statePrev[spo + r * hidden + j]);
                a[ar + j] = i;
                a[ar + hidden + j] = f;
                a[ar + 2 * hidden + j] = g;
                a[ar + 3 * hidden + j] = o;
                state[so + r * hidden + j] = c;
                h[ho + r * hidden + j] = o * Activation.tanh(c);
            }
        }
    }

    @Override
    public void backward(int rows, int hidden, boolean first, float[] a, int ao, float[] hPrev, int hpo,
                         float[] statePrev, int spo, float[] state, int so, float[] dh, int dho, float[] dState,
                         int dso, float[] dStatePrev, int dspo, float[] dZ, int dzo, float[] dhPrev, int dhpo) {
        int g4 = 4 * hidden;
        for (int r = 0; r < rows; r++) {
            int ar = ao + r * g4;
            int dr = dzo + r * g4;
            for (int j = 0; j < hidden; j++) {
                float i = a[ar + j];
                float f = a[ar + hidden + j];
                float g = a[ar + 2 * hidden + j];
                float o = a[ar + 3 * hidden + j];
                float tc = Activation.tanh(state[so + r * hidden + j]);
                float d = dh[dho + r * hidden + j];
                float dc = dState[dso + r * hidden + j] + d * o * (1 - tc * tc);
                float cPrev = first ? 0f : statePrev[spo + r * hidden + j];
                if (!first) {
                    dStatePrev[dspo + r * hidden + j] += dc * f;
                }
                float di = dc * g * i * (1 - i);
                float df = dc * cPrev * f * (1 - f);
                float dg = dc * i * (1 - g * g);
                float dout = d * tc * o * (1 - o);
                a[ar + j] = di;
                a[ar + hidden + j] = df;
                a[ar + 2 * hidden + j] = dg;
                a[ar + 3 * hidden + j] = dout;
                dZ[dr + j] = di;
                dZ[dr + hidden + j] = df;
                dZ[dr + 2 * hidden + j] = dg;
                dZ[dr + 3 * hidden + j] = dout;
            }
        }
    }
}
