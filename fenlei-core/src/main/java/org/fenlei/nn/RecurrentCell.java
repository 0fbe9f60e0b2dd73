package org.fenlei.nn;

/**
 * The element-wise part of one time step of a gated recurrent layer, over {@code rows} sequences at once. The
 * layer has already computed the gate pre-activations from the input, a = x W + b, and from the previous hidden
 * state, z = h' U + c (both (rows, gates * hidden); z = c at the first step, where h' = 0); the cell turns them into the new
 * hidden state h and keeps what its backward step needs: the activations in place of a, and one more
 * (rows, hidden) array, {@code state}. Rows are {@code gates * hidden} apart in a and z, {@code hidden} apart
 * elsewhere.
 */
interface RecurrentCell {
    int gates();

    /** Forget-gate style bias the layer starts from (zero where the cell has none). */
    default float initialBias(int gate) {
        return 0f;
    }

    /**
     * One step forward. {@code hPrev} and {@code statePrev} are the previous step's rows (ignored when
     * {@code first}).
     */
    void forward(int rows, int hidden, boolean first, float[] a, int ao, float[] z, int zo, float[] hPrev, int hpo,
                 float[] statePrev, int spo, float[] state, int so, float[] h, int ho);

    /**
     * One step backward. dh holds dLoss/dh for these rows; dState holds the gradient flowing into this step's
     * state from the next step (the cell adds its share for the previous step into dStatePrev, unless first).
     * Writes the pre-activation gradients: dA (in place of a's activations) for the input side and dZ for the
     * recurrent side, and adds the direct part of dLoss/dhPrev (not through U) into dhPrev.
     */
    void backward(int rows, int hidden, boolean first, float[] a, int ao, float[] hPrev, int hpo,
                  float[] statePrev, int spo, float[] state, int so, float[] dh, int dho, float[] dState, int dso,
                  float[] dStatePrev, int dspo, float[] dZ, int dzo, float[] dhPrev, int dhpo);
}
