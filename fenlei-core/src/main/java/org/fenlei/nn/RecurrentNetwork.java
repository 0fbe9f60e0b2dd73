package org.fenlei.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Embedding(V, D) -> a bidirectional gated recurrent layer (LSTM or GRU, {@code hidden} units each way) -> max over
 * time of the concatenated states (the BiLSTM-max encoder of Conneau et al. 2017) -> Dropout -> Dense(K).
 * <p>Padding is never computed: the documents of a batch are sorted by length, longest first, and step t runs
 * the recurrence for the documents still longer than t only, as one (active x hidden) by (hidden x gates*hidden)
 * multiply (the packed sequences of cuDNN and PyTorch). The input projection of every token is one large
 * multiply before the loop, and its gradients one after it.
 * <p>Regularisation after Gal &amp; Ghahramani (2016): each document draws one dropout mask over the embedding
 * dimensions and, with {@code recurrentDropout}, one over the hidden state that feeds the recurrence, and every
 * time step uses the same masks (variational dropout); word dropout zeroes whole token vectors.
 */
public final class RecurrentNetwork implements Network {
    private final RecurrentCell cell;
    private final Parameter table;
    private final int dim;
    private final int hidden;
    private final int gates;
    private final Parameter[] inputWeight = new Parameter[2];
    private final Parameter[] inputBias = new Parameter[2];
    private final Parameter[] recurrentWeight = new Parameter[2];
    private final Parameter[] recurrentBias = new Parameter[2];
    private final Dense output;
    private final float dropout;
    private final float wordDropout;
    private final float recurrentDropout;
    private final List<Parameter> parameters = new ArrayList<>();

    /** A bidirectional LSTM; see {@link #gru} for the GRU. */
    public static RecurrentNetwork lstm(int vocabulary, int dim, int hidden, int outputs, float dropout,
                                        float wordDropout, float recurrentDropout, long seed) {
        return new RecurrentNetwork(new LstmCell(), vocabulary, dim, hidden, outputs, dropout, wordDropout,
                recurrentDropout, seed);
    }

    public static RecurrentNetwork gru(int vocabulary, int dim, int hidden, int outputs, float dropout,
                                       float wordDropout, float recurrentDropout, long seed) {
        return new RecurrentNetwork(new GruCell(), vocabulary, dim, hidden, outputs, dropout, wordDropout,
                recurrentDropout, seed);
    }

    private RecurrentNetwork(RecurrentCell cell, int vocabulary, int dim, int hidden, int outputs, float dropout,
                             float wordDropout, float recurrentDropout, long seed) {
        if (vocabulary < 1 || dim < 1 || hidden < 1 || outputs < 1) {
            throw new IllegalArgumentException("invalid sizes: vocabulary " + vocabulary + ", dim " + dim
                    + ", hidden " + hidden + ", outputs " + outputs);
        }
        if (!(wordDropout >= 0 && wordDropout < 1)) {
            throw new IllegalArgumentException("word dropout must be in [0, 1), was " + wordDropout);
        }
        if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
            throw new IllegalArgumentException("recurrent dropout must be in [0, 1), was " + recurrentDropout);
        }
        this.cell = cell;
        this.recurrentDropout = recurrentDropout;
        this.dim = dim;
        this.hidden = hidden;
        this.gates = cell.gates();
        this.dropout = dropout;
        this.wordDropout = wordDropout;
        SplittableRandom random = new SplittableRandom(seed);
        table = new Parameter("embedding", vocabulary, dim, true);
        table.initUniform(0.25, random);
        parameters.add(table);
        // PyTorch's recurrent initialisation: uniform in +-1/sqrt(hidden) for every weight
        double limit = 1 / Math.sqrt(hidden);
        String[] names = {"forward", "backward"};
        for (int d = 0; d < 2; d++) {
            inputWeight[d] = new Parameter(names[d] + ".input.weight", dim, gates * hidden, false);
            inputBias[d] = new Parameter(names[d] + ".input.bias", 1, gates * hidden, false);
            recurrentWeight[d] = new Parameter(names[d] + ".recurrent.weight", hidden, gates * hidden, false);
            recurrentBias[d] = new Parameter(names[d] + ".recurrent.bias", 1, gates * hidden, false);
            inputWeight[d].initUniform(limit, random);
            recurrentWeight[d].initUniform(limit, random);
            for (int g = 0; g < gates; g++) {
                Arrays.fill(inputBias[d].value(), g * hidden, (g + 1) * hidden, cell.initialBias(g));
            }
            parameters.addAll(List.of(inputWeight[d], inputBias[d], recurrentWeight[d], recurrentBias[d]));
        }
        output = new Dense("output", 2 * hidden, outputs, random);
        parameters.add(output.weight());
        parameters.add(output.bias());
    }

    @Override
    public int outputs() {
        return output.outputs();
    }

    @Override
    public boolean sequential() {
        return true;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Parameter table() {
        return table;
    }

    @Override
    public Pass newPass(int maxBatch) {
        return new RecurrentPass(maxBatch, null);
    }

    @Override
    public Pass newTrainingPass(int maxBatch, long seed) {
        return new RecurrentPass(maxBatch, new SplittableRandom(seed));
    }

    /** Index of parameter {@code which} (0 input weight, 1 input bias, 2 recurrent weight, 3 recurrent bias). */
    private static int index(int direction, int which) {
        return 1 + 4 * direction + which;
    }

    private final class RecurrentPass implements Pass {
        private final SplittableRandom random;
        private final Dropout pooledDropout;
        private final Dropout inputDropout;
        /** Per direction, one mask over the hidden units per document (training with recurrent dropout only). */
        private final Dropout[] stateDropout = new Dropout[2];
        private final float[][] stateMask = new float[2][];
        private final float[] masked;
        private final float[] dMasked;
        /** U^T of the direction in backward, so each step's dh' = dz U^T is a {@link MatMul#nn}. */
        private final float[] transposed;
        private final int[] order;
        private final int[] lengths;
        private final float[] inputMask;
        private final float[] pooled;
        private final float[] dPooled;
        private final float[] logits;
        private final int[] winner;
        private int[] stepStart = new int[2];
        private int steps;
        private int rows;
        // per direction, one row per token in step order
        private final int[][] rowToken = new int[2][];
        private final int[][] rowDoc = new int[2][];
        /** Word dropout's factor for the row's token (0 or 1 / (1 - rate)); training only. */
        private final float[][] rowScale = new float[2][];
        private final float[][] x = new float[2][];
        private final float[][] gate = new float[2][];
        private final float[][] state = new float[2][];
        private final float[][] h = new float[2][];
        private final float[][] dh = new float[2][];
        private final float[][] dState = new float[2][];
        private final float[][] dx = new float[2][];
        private final float[] z;
        private final float[] dz;

        RecurrentPass(int maxBatch, SplittableRandom random) {
            this.random = random;
            pooledDropout = random == null ? null : new Dropout(dropout, random);
            inputDropout = random == null ? null : new Dropout(dropout, random);
            for (int d = 0; d < 2; d++) {
                stateDropout[d] = random == null || recurrentDropout == 0 ? null : new Dropout(recurrentDropout, random);
                stateMask[d] = new float[maxBatch * hidden];
            }
            masked = new float[maxBatch * hidden];
            dMasked = new float[maxBatch * hidden];
            transposed = new float[hidden * gates * hidden];
            order = new int[maxBatch];
            lengths = new int[maxBatch];
            inputMask = new float[maxBatch * dim];
            pooled = new float[maxBatch * 2 * hidden];
            dPooled = new float[pooled.length];
            winner = new int[pooled.length];
            logits = new float[maxBatch * output.outputs()];
            z = new float[maxBatch * gates * hidden];
            dz = new float[z.length];
            ensureRows(256);
        }

        private void ensureRows(int needed) {
            if (rowToken[0] != null && rowToken[0].length >= needed) {
                return;
            }
            int n = Math.max(needed, rowToken[0] == null ? 0 : 2 * rowToken[0].length);
            for (int d = 0; d < 2; d++) {
                rowToken[d] = new int[n];
                rowDoc[d] = new int[n];
                rowScale[d] = new float[n];
                x[d] = new float[n * dim];
                dx[d] = new float[n * dim];
                gate[d] = new float[n * gates * hidden];
                state[d] = new float[n * hidden];
                h[d] = new float[n * hidden];
                dh[d] = new float[n * hidden];
                dState[d] = new float[n * hidden];
            }
        }

        @Override
        public float[] forward(TokenBatch batch) {
            int b = batch.size();
            int[] offsets = batch.offsets();
            rows = offsets[b];
            ensureRows(rows);
            sortByLength(offsets, b);
            if (inputDropout != null) {
                // one mask per document, shared by all its time steps (Gal & Ghahramani 2016)
                inputDropout.drawMask(inputMask, b * dim);
            }
            int gh = gates * hidden;
            Arrays.fill(pooled, 0, b * 2 * hidden, 0f);
            Arrays.fill(winner, 0, b * 2 * hidden, -1);
            for (int d = 0; d < 2; d++) {
                gather(batch, d);
                MatMul.setRows(inputBias[d].value(), gate[d], rows);
                MatMul.nn(rows, gh, dim, x[d], 0, dim, inputWeight[d].value(), 0, gh, gate[d], 0, gh);
                float[] u = recurrentWeight[d].value();
                if (stateDropout[d] != null) {
                    stateDropout[d].drawMask(stateMask[d], b * hidden);
                }
                for (int t = 0; t < steps; t++) {
                    int active = stepStart[t + 1] - stepStart[t];
                    int ro = stepStart[t];
                    int po = t == 0 ? 0 : stepStart[t - 1];
                    MatMul.setRows(recurrentBias[d].value(), z, active);
                    if (t > 0 && stateDropout[d] != null) {
                        mask(d, active, po);
                        MatMul.nn(active, gh, hidden, masked, 0, hidden, u, 0, gh, z, 0, gh);
                    } else if (t > 0) {
                        MatMul.nn(active, gh, hidden, h[d], po * hidden, hidden, u, 0, gh, z, 0, gh);
                    }
                    cell.forward(active, hidden, t == 0, gate[d], ro * gh, z, 0, h[d], po * hidden, state[d],
                            po * hidden, state[d], ro * hidden, h[d], ro * hidden);
                }
                maxPool(d);
            }
            if (pooledDropout != null) {
                pooledDropout.forward(pooled, b * 2 * hidden);
            }
            output.forward(pooled, b, logits);
            return logits;
        }

        /** masked (active, hidden) = the previous step's states of direction d times their documents' masks. */
        private void mask(int d, int active, int po) {
            for (int r = 0; r < active; r++) {
                int mo = order[r] * hidden;
                int ho = (po + r) * hidden;
                for (int j = 0; j < hidden; j++) {
                    masked[r * hidden + j] = h[d][ho + j] * stateMask[d][mo + j];
                }
            }
        }

        /** order = the documents by length, longest first (insertion sort: batches are small); step offsets. */
        private void sortByLength(int[] offsets, int b) {
            for (int i = 0; i < b; i++) {
                lengths[i] = offsets[i + 1] - offsets[i];
                int j = i;
                while (j > 0 && lengths[order[j - 1]] < lengths[i]) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = i;
            }
            steps = b == 0 ? 0 : lengths[order[0]];
            if (stepStart.length < steps + 2) {
                stepStart = new int[Math.max(steps + 2, 2 * stepStart.length)];
            }
            int active = b;
            stepStart[0] = 0;
            for (int t = 0; t < steps; t++) {
                while (lengths[order[active - 1]] <= t) {
                    active--;
                }
                stepStart[t + 1] = stepStart[t] + active;
            }
        }

        /** Copies each token's vector into step order for direction d, with dropout masks in training. */
        private void gather(TokenBatch batch, int d) {
            int[] ids = batch.ids();
            int[] offsets = batch.offsets();
            float[] t = table.value();
            float[] xd = x[d];
            for (int s = 0; s < steps; s++) {
                for (int r = 0, active = stepStart[s + 1] - stepStart[s]; r < active; r++) {
                    int doc = order[r];
                    int position = d == 0 ? s : lengths[doc] - 1 - s;
                    int token = offsets[doc] + position;
                    int row = stepStart[s] + r;
                    rowToken[d][row] = token;
                    rowDoc[d][row] = doc;
                    int xo = row * dim;
                    System.arraycopy(t, ids[token] * dim, xd, xo, dim);
                    float given = batch.scale(doc);
                    if (given != 1f) {
                        for (int k = 0; k < dim; k++) {
                            xd[xo + k] *= given;
                        }
                    }
                    if (random != null) {
                        boolean dropped = wordDropout > 0 && random.nextDouble() < wordDropout;
                        float scale = dropped ? 0f : 1f / (1f - wordDropout);
                        rowScale[d][row] = scale;
                        int mo = doc * dim;
                        for (int k = 0; k < dim; k++) {
                            xd[xo + k] *= scale * inputMask[mo + k];
                        }
                    }
                }
            }
        }

        private void maxPool(int d) {
            int width = 2 * hidden;
            float[] hd = h[d];
            for (int row = 0; row < rows; row++) {
                int po = rowDoc[d][row] * width + d * hidden;
                for (int j = 0; j < hidden; j++) {
                    float v = hd[row * hidden + j];
                    if (winner[po + j] < 0 || v > pooled[po + j]) {
                        pooled[po + j] = v;
                        winner[po + j] = row;
                    }
                }
            }
        }

        @Override
        public void backward(TokenBatch batch, float[] dLogits, Gradients grads) {
            int b = batch.size();
            int width = 2 * hidden;
            int last = parameters.size() - 2;
            output.backward(pooled, dLogits, b, dPooled, grads, last, last + 1);
            if (pooledDropout != null) {
                pooledDropout.backward(dPooled, b * width);
            }
            int gh = gates * hidden;
            for (int d = 0; d < 2; d++) {
                float[] dhd = dh[d];
                Arrays.fill(dhd, 0, rows * hidden, 0f);
                Arrays.fill(dState[d], 0, rows * hidden, 0f);
                for (int doc = 0; doc < b; doc++) {
                    for (int j = 0; j < hidden; j++) {
                        int w = winner[doc * width + d * hidden + j];
                        if (w >= 0) {
                            dhd[w * hidden + j] += dPooled[doc * width + d * hidden + j];
                        }
                    }
                }
                float[] u = recurrentWeight[d].value();
                for (int i = 0; i < hidden; i++) {
                    for (int c = 0; c < gh; c++) {
                        transposed[c * hidden + i] = u[i * gh + c];
                    }
                }
                float[] gu = grads.values(index(d, 2));
                float[] gub = grads.values(index(d, 3));
                for (int t = steps - 1; t >= 0; t--) {
                    int active = stepStart[t + 1] - stepStart[t];
                    int ro = stepStart[t];
                    int po = t == 0 ? 0 : stepStart[t - 1];
                    cell.backward(active, hidden, t == 0, gate[d], ro * gh, h[d], po * hidden, state[d],
                            po * hidden, state[d], ro * hidden, dhd, ro * hidden, dState[d], ro * hidden, dState[d],
                            po * hidden, dz, 0, dhd, po * hidden);
                    MatMul.addColumnSums(dz, active, gh, gub);
                    if (t > 0 && stateDropout[d] != null) {
                        mask(d, active, po);
                        MatMul.tn(active, gh, hidden, masked, 0, hidden, dz, 0, gh, gu, 0, gh);
                        Arrays.fill(dMasked, 0, active * hidden, 0f);
                        MatMul.nn(active, hidden, gh, dz, 0, gh, transposed, 0, hidden, dMasked, 0, hidden);
                        for (int r = 0; r < active; r++) {
                            int mo = order[r] * hidden;
                            int ho = (po + r) * hidden;
                            for (int j = 0; j < hidden; j++) {
                                dhd[ho + j] += dMasked[r * hidden + j] * stateMask[d][mo + j];
                            }
                        }
                    } else if (t > 0) {
                        MatMul.tn(active, gh, hidden, h[d], po * hidden, hidden, dz, 0, gh, gu, 0, gh);
                        MatMul.nn(active, hidden, gh, dz, 0, gh, transposed, 0, hidden, dhd, po * hidden, hidden);
                    }
                }
                // gate[d] now holds the input-side pre-activation gradients of every row
                MatMul.addColumnSums(gate[d], rows, gh, grads.values(index(d, 1)));
                MatMul.tn(rows, gh, dim, x[d], 0, dim, gate[d], 0, gh, grads.values(index(d, 0)), 0, gh);
                if (!table.frozen()) {
                    Arrays.fill(dx[d], 0, rows * dim, 0f);
                    MatMul.nt(rows, dim, gh, gate[d], 0, gh, inputWeight[d].value(), 0, gh, dx[d], 0, dim);
                    scatter(batch, d, grads);
                }
            }
        }

        /** Adds each row's input gradient to its token's embedding row, through the forward pass's masks. */
        private void scatter(TokenBatch batch, int d, Gradients grads) {
            int[] ids = batch.ids();
            float[] g = grads.values(0);
            for (int row = 0; row < rows; row++) {
                int id = ids[rowToken[d][row]];
                grads.touch(0, id);
                int go = id * dim;
                int xo = row * dim;
                if (random == null) {
                    for (int k = 0; k < dim; k++) {
                        g[go + k] += dx[d][xo + k];
                    }
                    continue;
                }
                int mo = rowDoc[d][row] * dim;
                float scale = rowScale[d][row];
                for (int k = 0; k < dim; k++) {
                    g[go + k] += dx[d][xo + k] * scale * inputMask[mo + k];
                }
            }
        }
    }
}
