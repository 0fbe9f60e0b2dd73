package org.fenlei.nn;

/**
 * Gated recurrent unit (Cho et al. 2014) in the form of PyTorch and cuDNN, gates r, z, n:
 * n = tanh(a_n + r (h' U_n + c_n)), h = (1 - z) n + z h'. The state is the recurrent part of n,
 * h' U_n + c_n, which the backward step needs for dr.
 */
final class GruCell implements RecurrentCell {
    @Override
    public int gates() {
        return 3;
    }

    @Override
    public void forward(int rows, int hidden, boolean first, float[] a, int ao, float[] z, int zo, float[] hPrev,
                        int hpo, float[] statePrev, int spo, float[] state, int so, float[] h, int ho) {
        int g3 = 3 * hidden;
        for (int row = 0; row < rows; row++) {
            int ar = ao + row * g3;
            int zr = zo + row * g3;
            for (int j = 0; j < hidden; j++) {
                float r = BinaryCrossEntropy.sigmoid(a[ar + j] + z[zr + j]);
                float u = BinaryCrossEntropy.sigmoid(a[ar + hidden + j] + z[zr + hidden + j]);
                float hn = z[zr + 2 * hidden + j];
                float n = Activation.tanh(a[ar + 2 * hidden + j] + r * hn);
                float prev = first ? 0f : hPrev[hpo + row * hidden + j];
                a[ar + j] = r;
                a[ar + hidden + j] = u;
                a[ar + 2 * hidden + j] = n;
                state[so + row * hidden + j] = hn;
                h[ho + row * hidden + j] = (1 - u) * n + u * prev;
            }
        }
    }

    @Override
    public void backward(int rows, int hidden, boolean first, float[] a, int ao, float[] hPrev, int hpo,
                         float[] statePrev, int spo, float[] state, int so, float[] dh, int dho, float[] dState,
                         int dso, float[] dStatePrev, int dspo, float[] dZ, int dzo, float[] dhPrev, int dhpo) {
        int g3 = 3 * hidden;
        for (int row = 0; row < rows; row++) {
            int ar = ao + row * g3;
            int dr = dzo + row * g3;
            for (int j = 0; j < hidden; j++) {
                float r = a[ar + j];
                float u = a[ar + hidden + j];
                float n = a[ar + 2 * hidden + j];
                float hn = state[so + row * hidden + j];
                float d = dh[dho + row * hidden + j];
                float prev = first ? 0f : hPrev[hpo + row * hidden + j];
                if (!first) {
                    dhPrev[dhpo + row * hidden + j] += d * u;
                }
                float dan = d * (1 - u) * (1 - n * n);
                float dar = dan * hn * r * (1 - r);
                float dau = d * (prev - n) * u * (1 - u);
                a[ar + j] = dar;
                a[ar + hidden + j] = dau;
                a[ar + 2 * hidden + j] = dan;
                dZ[dr + j] = dar;
                dZ[dr + hidden + j] = dau;
                dZ[dr + 2 * hidden + j] = dan * r;
            }
        }
    }
}
