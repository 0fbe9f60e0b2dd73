package org.fenlei.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Kim's (2014) sentence CNN: Embedding(V, D) -> for each width w, {@code filters} maps of Conv1d(w) + ReLU +
 * max over time -> concatenation -> Dropout -> Dense(K). Unlike the bag of embeddings it sees word order within
 * each window. As Kim, each class's output weight vector is rescaled to an L2 norm of at most {@link #MAX_NORM}
 * after every step (Srivastava et al. 2014's max-norm, which he pairs with dropout).
 */
public final class KimCnn implements Network {
    /** Kim's s = 3. */
    static final float MAX_NORM = 3f;
    private final Parameter table;
    private final int dim;
    private final Conv1dMaxPool[] convs;
    private final Dense output;
    private final float dropout;
    private final int maps;
    private final int filters;
    /** Zero rows before and after each text: the widest filter's width - 1 (Kim's wide convolution). */
    private final int pad;
    private final List<Parameter> parameters = new ArrayList<>();

    public KimCnn(int vocabulary, int dim, int[] widths, int filters, int outputs, float dropout, long seed) {
        if (vocabulary < 1 || dim < 1 || widths.length == 0 || filters < 1 || outputs < 1) {
            throw new IllegalArgumentException("invalid sizes: vocabulary " + vocabulary + ", dim " + dim + ", "
                    + widths.length + " widths, filters " + filters + ", outputs " + outputs);
        }
        this.dim = dim;
        this.dropout = dropout;
        SplittableRandom random = new SplittableRandom(seed);
        // Kim's CNN-rand: embeddings uniform in [-0.25, 0.25]
        table = new Parameter("embedding", vocabulary, dim, true);
        float[] t = table.value();
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (random.nextDouble() * 0.5 - 0.25);
        }
        parameters.add(table);
        convs = new Conv1dMaxPool[widths.length];
        for (int i = 0; i < widths.length; i++) {
            convs[i] = new Conv1dMaxPool("conv" + widths[i], widths[i], dim, filters, random);
            parameters.add(convs[i].weight());
            parameters.add(convs[i].bias());
        }
        maps = widths.length * filters;
        this.filters = filters;
        this.pad = Arrays.stream(widths).max().getAsInt() - 1;
        output = new Dense("output", maps, outputs, random);
        parameters.add(output.weight());
        parameters.add(output.bias());
    }

    @Override
    public int outputs() {
        return output.outputs();
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
    public void constrain() {
        float[] w = output.weight().value();
        int in = output.inputs();
        for (int row = 0; row < output.outputs(); row++) {
            double squares = 0;
            for (int i = row * in; i < (row + 1) * in; i++) {
                squares += (double) w[i] * w[i];
            }
            if (squares > MAX_NORM * MAX_NORM) {
                float scale = (float) (MAX_NORM / Math.sqrt(squares));
                for (int i = row * in; i < (row + 1) * in; i++) {
                    w[i] *= scale;
                }
            }
        }
    }

    @Override
    public Pass newPass(int maxBatch) {
        return new CnnPass(maxBatch, null);
    }

    @Override
    public Pass newTrainingPass(int maxBatch, long seed) {
        return new CnnPass(maxBatch, new Dropout(dropout, new SplittableRandom(seed)));
    }

    private final class CnnPass implements Pass {
        private final Dropout dropout;
        private final float[] pooled;
        private final float[] dPooled;
        private final float[] logits;
        private final int[][] winners;
        private float[] x = new float[0];
        private float[] dx = new float[0];
        private float[] scores = new float[0];
        /** Where each text's first token sits in x, after the zero rows; its length; all rows of x. */
        private final int[] starts;
        private final int[] lengths;
        private int rows;

        CnnPass(int maxBatch, Dropout dropout) {
            this.dropout = dropout;
            pooled = new float[maxBatch * maps];
            dPooled = new float[maxBatch * maps];
            logits = new float[maxBatch * output.outputs()];
            winners = new int[convs.length][maxBatch * filters];
            starts = new int[maxBatch];
            lengths = new int[maxBatch];
        }

        @Override
        public float[] forward(TokenBatch batch) {
            int b = batch.size();
            int[] ids = batch.ids();
            int[] offsets = batch.offsets();
            rows = offsets[b] + pad * (b + 1);
            if (x.length < rows * dim) {
                x = new float[rows * dim * 2];
                dx = new float[x.length];
                scores = new float[rows * 2 * filters];
            }
            float[] t = table.value();
            for (int d = 0; d < b; d++) {
                starts[d] = offsets[d] + pad * (d + 1);
                lengths[d] = offsets[d + 1] - offsets[d];
                Arrays.fill(x, (starts[d] - pad) * dim, starts[d] * dim, 0f);
                for (int p = 0; p < lengths[d]; p++) {
                    System.arraycopy(t, ids[offsets[d] + p] * dim, x, (starts[d] + p) * dim, dim);
                }
                float scale = batch.scale(d);
                if (scale != 1f) {
                    for (int i = starts[d] * dim; i < (starts[d] + lengths[d]) * dim; i++) {
                        x[i] *= scale;
                    }
                }
            }
            Arrays.fill(x, (rows - pad) * dim, rows * dim, 0f);
            for (int c = 0; c < convs.length; c++) {
                convs[c].forward(x, rows, starts, lengths, b, pooled, maps, c * filters, winners[c], scores);
            }
            if (dropout != null) {
                dropout.forward(pooled, b * maps);
            }
            output.forward(pooled, b, logits);
            return logits;
        }

        @Override
        public void backward(TokenBatch batch, float[] dLogits, Gradients grads) {
            int b = batch.size();
            int[] ids = batch.ids();
            int[] offsets = batch.offsets();
            int last = parameters.size() - 2;
            output.backward(pooled, dLogits, b, dPooled, grads, last, last + 1);
            if (dropout != null) {
                dropout.backward(dPooled, b * maps);
            }
            Arrays.fill(dx, 0, rows * dim, 0f);
            for (int c = 0; c < convs.length; c++) {
                convs[c].backward(x, b, dPooled, maps, c * filters, winners[c], dx, grads, 1 + 2 * c, 2 + 2 * c);
            }
            if (table.frozen()) {
                return;
            }
            float[] g = grads.values(0);
            for (int d = 0; d < b; d++) {
                for (int p = 0; p < lengths[d]; p++) {
                    int id = ids[offsets[d] + p];
                    int go = id * dim;
                    int xo = (starts[d] + p) * dim;
                    grads.touch(0, id);
                    for (int k = 0; k < dim; k++) {
                        g[go + k] += dx[xo + k];
                    }
                }
            }
        }
    }
}
