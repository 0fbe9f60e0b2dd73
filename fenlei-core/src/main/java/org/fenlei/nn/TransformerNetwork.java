package org.fenlei.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Transformer encoder (Vaswani et al. 2017) in BERT's arrangement (Devlin et al. 2019), so that a pretrained
 * encoder's weights can later be loaded into it: token plus learned position embeddings -> LayerNorm -> Dropout,
 * then {@code layers} post-LayerNorm blocks, x = LN(x + Dropout(MultiHeadAttention(x))), x = LN(x +
 * Dropout(FeedForward(x))) with a GELU feed-forward, then the mean over each text's tokens (or its first token,
 * BERT's [CLS]) -> Dropout -> Dense(K). Fenlei's own small encoder uses GELU's tanh form; an imported pretrained
 * encoder the exact erf form it was trained with. A pretrained encoder's token-type embedding is not a parameter:
 * every text is one segment, so its row 0 is added into the position table when it is imported, which is exact.
 * <p>Texts stay packed: each attends over its own tokens only, which is what a padding mask achieves for a
 * padded batch, without computing the padding. Texts longer than {@code maxPositions} are cut there. Linear
 * weights are stored (in, out), so that the forward pass is {@link MatMul#nn}.
 */
public final class TransformerNetwork implements Network {
    /** BERT's position table length. */
    public static final int MAX_POSITIONS = 512;
    private static final int PARAMETERS_PER_BLOCK = 12;

    private final int dim;
    private final int heads;
    private final int headDim;
    private final int ffn;
    private final int maxPositions;
    private final float dropout;
    private final boolean exactGelu;
    private final boolean firstTokenPooling;
    private final Parameter table;
    private final Parameter positions;
    private final LayerNorm embeddingNorm;
    private final Block[] blocks;
    private final Dense output;
    private final List<Parameter> parameters = new ArrayList<>();

    /** Fenlei's own encoder: tanh GELU, mean-pooled. */
    public TransformerNetwork(int vocabulary, int dim, int layers, int heads, int ffn, int maxPositions, int outputs,
                              float dropout, long seed) {
        this(vocabulary, dim, layers, heads, ffn, maxPositions, outputs, dropout, seed, false, false);
    }

    /**
     * @param exactGelu         GELU's erf form (BERT's) rather than its tanh form
     * @param firstTokenPooling the text is represented by its first token's output (BERT's [CLS]), not the mean
     */
    public TransformerNetwork(int vocabulary, int dim, int layers, int heads, int ffn, int maxPositions, int outputs,
                              float dropout, long seed, boolean exactGelu, boolean firstTokenPooling) {
        if (vocabulary < 1 || dim < 1 || layers < 1 || heads < 1 || ffn < 1 || maxPositions < 1 || outputs < 1) {
            throw new IllegalArgumentException("invalid sizes: vocabulary " + vocabulary + ", dim " + dim + ", layers "
                    + layers + ", heads " + heads + ", ffn " + ffn + ", positions " + maxPositions + ", outputs "
                    + outputs);
        }
        if (dim % heads != 0) {
            throw new IllegalArgumentException("the model width (" + dim + ") must be a multiple of the heads ("
                    + heads + ")");
        }
        this.dim = dim;
        this.heads = heads;
        this.headDim = dim / heads;
        this.ffn = ffn;
        this.maxPositions = maxPositions;
        this.dropout = dropout;
        this.exactGelu = exactGelu;
        this.firstTokenPooling = firstTokenPooling;
        SplittableRandom random = new SplittableRandom(seed);
        // BERT draws embeddings with standard deviation 0.02; a uniform of that deviation
        double embeddingLimit = 0.02 * Math.sqrt(3);
        table = new Parameter("embedding", vocabulary, dim, true);
        table.initUniform(embeddingLimit, random);
        positions = new Parameter("positions", maxPositions, dim, false);
        positions.initUniform(embeddingLimit, random);
        embeddingNorm = new LayerNorm("embedding.norm", dim);
        parameters.addAll(List.of(table, positions, embeddingNorm.gain(), embeddingNorm.bias()));
        blocks = new Block[layers];
        for (int l = 0; l < layers; l++) {
            blocks[l] = new Block("layer" + l, random);
            parameters.addAll(blocks[l].parameters());
        }
        output = new Dense("output", dim, outputs, random);
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

    /** 32 texts: a pass keeps every layer's activations, which for 256 texts of 128 tokens took gigabytes. */
    @Override
    public int predictionBatch() {
        return 32;
    }

    @Override
    public Pass newPass(int maxBatch) {
        return new TransformerPass(maxBatch, null);
    }

    @Override
    public Pass newTrainingPass(int maxBatch, long seed) {
        return new TransformerPass(maxBatch, new SplittableRandom(seed));
    }

    /**
     * Block l of L learns at decay^(L - 1 - l) times the rate, the embeddings (tokens, positions and their norm) at
     * decay^L, the output layer at the rate.
     */
    @Override
    public float[] layerRates(double decay) {
        float[] rates = new float[parameters.size()];
        int layers = blocks.length;
        for (int i = 0; i < rates.length; i++) {
            int depth = i < 4 ? layers : i < 4 + layers * PARAMETERS_PER_BLOCK
                    ? layers - 1 - (i - 4) / PARAMETERS_PER_BLOCK : 0;
            rates[i] = (float) Math.pow(decay, depth);
        }
        return rates;
    }

    /** Whether a text is represented by its first token's output ([CLS]) rather than the mean of its tokens'. */
    public boolean firstTokenPooling() {
        return firstTokenPooling;
    }

    /** The output layer, over the pooled representation. */
    public Dense output() {
        return output;
    }

    /** The model width, the length of a text's pooled representation. */
    public int dim() {
        return dim;
    }

    /**
     * The pooled representation (N, dim) of each document, what the output layer reads: the encoder without dropout,
     * in batches of 32 on {@code threads} threads.
     */
    public float[] pooled(List<int[]> documents, int threads) {
        int batch = 32;
        int batches = (documents.size() + batch - 1) / batch;
        float[] out = new float[Math.multiplyExact(documents.size(), dim)];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < Math.max(1, threads); t++) {
                workers.add(pool.submit(() -> {
                    TransformerPass pass = new TransformerPass(batch, null);
                    TokenBatch tokens = new TokenBatch();
                    for (int i = next.getAndIncrement(); i < batches; i = next.getAndIncrement()) {
                        tokens.clear();
                        int from = i * batch;
                        int to = Math.min(documents.size(), from + batch);
                        for (int d = from; d < to; d++) {
                            tokens.add(documents.get(d));
                        }
                        pass.pool(tokens);
                        System.arraycopy(pass.pooled, 0, out, from * dim, (to - from) * dim);
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("encoding failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** A linear map with (in, out) weights and Glorot-uniform initialisation. */
    private static Parameter linear(String name, int in, int out, SplittableRandom random) {
        Parameter w = new Parameter(name + ".weight", in, out, false);
        w.initUniform(Math.sqrt(6.0 / (in + out)), random);
        return w;
    }

    /** y (rows, out) = x (rows, in) w + b. */
    private static void linearForward(float[] x, int rows, Parameter w, Parameter b, float[] y) {
        int in = w.rows();
        int out = w.cols();
        MatMul.setRows(b.value(), y, rows);
        MatMul.nn(rows, out, in, x, 0, in, w.value(), 0, out, y, 0, out);
    }

    /** Accumulates dw += x^T dy and db += column sums of dy; adds dy w^T into dx. */
    private static void linearBackward(float[] x, float[] dy, int rows, Parameter w, float[] dx, Gradients grads,
                                       int weightIndex) {
        int in = w.rows();
        int out = w.cols();
        MatMul.tn(rows, out, in, x, 0, in, dy, 0, out, grads.values(weightIndex), 0, out);
        MatMul.addColumnSums(dy, rows, out, grads.values(weightIndex + 1));
        MatMul.nt(rows, in, out, dy, 0, out, w.value(), 0, out, dx, 0, in);
    }

    private static float[] atLeast(float[] a, int n) {
        return a.length >= n ? a : new float[Math.max(n, 2 * a.length)];
    }

    /** One post-LayerNorm encoder block's parameters. */
    private final class Block {
        final Parameter qkv;
        final Parameter qkvBias;
        final Parameter out;
        final Parameter outBias;
        final LayerNorm attentionNorm;
        final Parameter ffnIn;
        final Parameter ffnInBias;
        final Parameter ffnOut;
        final Parameter ffnOutBias;
        final LayerNorm ffnNorm;

        Block(String name, SplittableRandom random) {
            qkv = linear(name + ".attention.qkv", dim, 3 * dim, random);
            qkvBias = new Parameter(name + ".attention.qkv.bias", 1, 3 * dim, false);
            out = linear(name + ".attention.out", dim, dim, random);
            outBias = new Parameter(name + ".attention.out.bias", 1, dim, false);
            attentionNorm = new LayerNorm(name + ".attention.norm", dim);
            ffnIn = linear(name + ".ffn.in", dim, ffn, random);
            ffnInBias = new Parameter(name + ".ffn.in.bias", 1, ffn, false);
            ffnOut = linear(name + ".ffn.out", ffn, dim, random);
            ffnOutBias = new Parameter(name + ".ffn.out.bias", 1, dim, false);
            ffnNorm = new LayerNorm(name + ".ffn.norm", dim);
        }

        List<Parameter> parameters() {
            return List.of(qkv, qkvBias, out, outBias, attentionNorm.gain(), attentionNorm.bias(), ffnIn, ffnInBias,
                    ffnOut, ffnOutBias, ffnNorm.gain(), ffnNorm.bias());
        }
    }

    /** One block's activations in a pass. */
    private static final class BlockState {
        float[] input = new float[0];
        float[] qkv = new float[0];
        float[] probabilities = new float[0];
        float[] context = new float[0];
        float[] attentionNormalized = new float[0];
        float[] attentionInverseStd = new float[0];
        float[] hidden = new float[0];
        float[] ffnPre = new float[0];
        float[] ffnAct = new float[0];
        float[] ffnNormalized = new float[0];
        float[] ffnInverseStd = new float[0];
        Dropout attentionDropout;
        Dropout ffnDropout;
    }

    private final class TransformerPass implements Pass {
        private final Dropout embeddingDropout;
        private final Dropout pooledDropout;
        private final BlockState[] states = new BlockState[blocks.length];
        private final int[] starts;
        private final int[] lengths;
        private final int[] probabilityStarts;
        private final float[] pooled;
        private final float[] dPooled;
        private final float[] logits;
        private int rows;
        private float[] embedded = new float[0];
        private float[] embeddingNormalized = new float[0];
        private float[] embeddingInverseStd = new float[0];
        private float[] last = new float[0];
        private float[] scratch = new float[0];
        private float[] dCurrent = new float[0];
        private float[] dScratch = new float[0];
        private float[] dContext = new float[0];
        private float[] dQkv = new float[0];
        private float[] dFfn = new float[0];
        private float[] dScores = new float[0];

        TransformerPass(int maxBatch, SplittableRandom random) {
            embeddingDropout = random == null ? null : new Dropout(dropout, random);
            pooledDropout = random == null ? null : new Dropout(dropout, random);
            for (int l = 0; l < blocks.length; l++) {
                states[l] = new BlockState();
                if (random != null) {
                    states[l].attentionDropout = new Dropout(dropout, random);
                    states[l].ffnDropout = new Dropout(dropout, random);
                }
            }
            starts = new int[maxBatch + 1];
            lengths = new int[maxBatch];
            probabilityStarts = new int[maxBatch + 1];
            pooled = new float[maxBatch * dim];
            dPooled = new float[pooled.length];
            logits = new float[maxBatch * output.outputs()];
        }

        @Override
        public float[] forward(TokenBatch batch) {
            int b = batch.size();
            pool(batch);
            if (pooledDropout != null) {
                pooledDropout.forward(pooled, b * dim);
            }
            output.forward(pooled, b, logits);
            return logits;
        }

        /** Runs the encoder over the batch into {@code pooled} (B, dim): each text's mean or first token. */
        private void pool(TokenBatch batch) {
            int b = batch.size();
            int[] ids = batch.ids();
            int[] offsets = batch.offsets();
            rows = 0;
            for (int d = 0; d < b; d++) {
                lengths[d] = Math.min(maxPositions, offsets[d + 1] - offsets[d]);
                starts[d] = rows;
                probabilityStarts[d + 1] = probabilityStarts[d] + heads * lengths[d] * lengths[d];
                rows += lengths[d];
            }
            starts[b] = rows;
            allocate(rows * dim, probabilityStarts[b]);
            float[] t = table.value();
            float[] p = positions.value();
            for (int d = 0; d < b; d++) {
                // a given scale multiplies the token vectors, not the positions
                float scale = batch.scale(d);
                for (int i = 0; i < lengths[d]; i++) {
                    int ro = (starts[d] + i) * dim;
                    int to = ids[offsets[d] + i] * dim;
                    for (int k = 0; k < dim; k++) {
                        embedded[ro + k] = scale * t[to + k] + p[i * dim + k];
                    }
                }
            }
            // the constructor asks for at least one block
            float[] x = states[0].input;
            embeddingNorm.forward(embedded, x, rows, embeddingNormalized, embeddingInverseStd);
            if (embeddingDropout != null) {
                embeddingDropout.forward(x, rows * dim);
            }
            for (int l = 0; l < blocks.length; l++) {
                float[] next = l + 1 < blocks.length ? states[l + 1].input : last;
                forwardBlock(blocks[l], states[l], b, next);
            }
            Arrays.fill(pooled, 0, b * dim, 0f);
            for (int d = 0; d < b; d++) {
                if (lengths[d] == 0) {
                    continue;
                }
                int end = firstTokenPooling ? starts[d] + 1 : starts[d + 1];
                float inv = 1f / (end - starts[d]);
                for (int r = starts[d]; r < end; r++) {
                    for (int k = 0; k < dim; k++) {
                        pooled[d * dim + k] += last[r * dim + k] * inv;
                    }
                }
            }
        }

        private void allocate(int size, int probabilities) {
            embedded = atLeast(embedded, size);
            embeddingNormalized = atLeast(embeddingNormalized, size);
            embeddingInverseStd = atLeast(embeddingInverseStd, rows);
            last = atLeast(last, size);
            scratch = atLeast(scratch, size);
            dCurrent = atLeast(dCurrent, size);
            dScratch = atLeast(dScratch, size);
            dContext = atLeast(dContext, size);
            dQkv = atLeast(dQkv, 3 * size);
            dFfn = atLeast(dFfn, rows * ffn);
            for (BlockState s : states) {
                s.input = atLeast(s.input, size);
                s.qkv = atLeast(s.qkv, 3 * size);
                s.probabilities = atLeast(s.probabilities, probabilities);
                s.context = atLeast(s.context, size);
                s.attentionNormalized = atLeast(s.attentionNormalized, size);
                s.attentionInverseStd = atLeast(s.attentionInverseStd, rows);
                s.hidden = atLeast(s.hidden, size);
                s.ffnPre = atLeast(s.ffnPre, rows * ffn);
                s.ffnAct = atLeast(s.ffnAct, rows * ffn);
                s.ffnNormalized = atLeast(s.ffnNormalized, size);
                s.ffnInverseStd = atLeast(s.ffnInverseStd, rows);
            }
        }

        /** x = LN(x + attention(x)), then LN(x + ffn(x)) into next. */
        private void forwardBlock(Block block, BlockState s, int b, float[] next) {
            int size = rows * dim;
            linearForward(s.input, rows, block.qkv, block.qkvBias, s.qkv);
            Arrays.fill(s.context, 0, size, 0f);
            float scale = (float) (1 / Math.sqrt(headDim));
            int stride = 3 * dim;
            for (int d = 0; d < b; d++) {
                int n = lengths[d];
                int qo = starts[d] * stride;
                for (int h = 0; h < heads; h++) {
                    int po = probabilityStarts[d] + h * n * n;
                    Arrays.fill(s.probabilities, po, po + n * n, 0f);
                    MatMul.nt(n, n, headDim, s.qkv, qo + h * headDim, stride, s.qkv, qo + dim + h * headDim, stride,
                            s.probabilities, po, n);
                    softmaxRows(s.probabilities, po, n, scale);
                    MatMul.nn(n, headDim, n, s.probabilities, po, n, s.qkv, qo + 2 * dim + h * headDim, stride,
                            s.context, starts[d] * dim + h * headDim, dim);
                }
            }
            linearForward(s.context, rows, block.out, block.outBias, scratch);
            if (s.attentionDropout != null) {
                s.attentionDropout.forward(scratch, size);
            }
            for (int i = 0; i < size; i++) {
                scratch[i] += s.input[i];
            }
            block.attentionNorm.forward(scratch, s.hidden, rows, s.attentionNormalized, s.attentionInverseStd);
            linearForward(s.hidden, rows, block.ffnIn, block.ffnInBias, s.ffnPre);
            Gelu.forward(s.ffnPre, 0, s.ffnAct, 0, rows * ffn, exactGelu);
            linearForward(s.ffnAct, rows, block.ffnOut, block.ffnOutBias, scratch);
            if (s.ffnDropout != null) {
                s.ffnDropout.forward(scratch, size);
            }
            for (int i = 0; i < size; i++) {
                scratch[i] += s.hidden[i];
            }
            block.ffnNorm.forward(scratch, next, rows, s.ffnNormalized, s.ffnInverseStd);
        }

        @Override
        public void backward(TokenBatch batch, float[] dLogits, Gradients grads) {
            int b = batch.size();
            int size = rows * dim;
            int lastIndex = parameters.size() - 2;
            output.backward(pooled, dLogits, b, dPooled, grads, lastIndex, lastIndex + 1);
            if (pooledDropout != null) {
                pooledDropout.backward(dPooled, b * dim);
            }
            Arrays.fill(dCurrent, 0, size, 0f);
            for (int d = 0; d < b; d++) {
                if (lengths[d] == 0) {
                    continue;
                }
                int end = firstTokenPooling ? starts[d] + 1 : starts[d + 1];
                float inv = 1f / (end - starts[d]);
                for (int r = starts[d]; r < end; r++) {
                    for (int k = 0; k < dim; k++) {
                        dCurrent[r * dim + k] = dPooled[d * dim + k] * inv;
                    }
                }
            }
            for (int l = blocks.length - 1; l >= 0; l--) {
                backwardBlock(blocks[l], states[l], b, grads, 4 + l * PARAMETERS_PER_BLOCK);
            }
            if (embeddingDropout != null) {
                embeddingDropout.backward(dCurrent, size);
            }
            embeddingNorm.backward(dCurrent, dCurrent, rows, embeddingNormalized, embeddingInverseStd, grads, 2, 3);
            int[] ids = batch.ids();
            int[] offsets = batch.offsets();
            float[] gt = grads.values(0);
            float[] gp = grads.values(1);
            boolean trainTable = !table.frozen();
            for (int d = 0; d < b; d++) {
                for (int i = 0; i < lengths[d]; i++) {
                    int ro = (starts[d] + i) * dim;
                    int id = ids[offsets[d] + i];
                    if (trainTable) {
                        grads.touch(0, id);
                    }
                    for (int k = 0; k < dim; k++) {
                        float g = dCurrent[ro + k];
                        gp[i * dim + k] += g;
                        if (trainTable) {
                            gt[id * dim + k] += g;
                        }
                    }
                }
            }
        }

        /** dCurrent holds dLoss/d(block output); leaves dLoss/d(block input) there. */
        private void backwardBlock(Block block, BlockState s, int b, Gradients grads, int first) {
            int size = rows * dim;
            // x2 = LN(hidden + drop(ffn(hidden)))
            block.ffnNorm.backward(dCurrent, dCurrent, rows, s.ffnNormalized, s.ffnInverseStd, grads, first + 10,
                    first + 11);
            System.arraycopy(dCurrent, 0, dScratch, 0, size);
            if (s.ffnDropout != null) {
                s.ffnDropout.backward(dScratch, size);
            }
            Arrays.fill(dFfn, 0, rows * ffn, 0f);
            linearBackward(s.ffnAct, dScratch, rows, block.ffnOut, dFfn, grads, first + 8);
            Gelu.backward(s.ffnPre, dFfn, 0, rows * ffn, exactGelu);
            linearBackward(s.hidden, dFfn, rows, block.ffnIn, dCurrent, grads, first + 6);
            // hidden = LN(input + drop(attention(input)))
            block.attentionNorm.backward(dCurrent, dCurrent, rows, s.attentionNormalized, s.attentionInverseStd,
                    grads, first + 4, first + 5);
            System.arraycopy(dCurrent, 0, dScratch, 0, size);
            if (s.attentionDropout != null) {
                s.attentionDropout.backward(dScratch, size);
            }
            Arrays.fill(dContext, 0, size, 0f);
            linearBackward(s.context, dScratch, rows, block.out, dContext, grads, first + 2);
            Arrays.fill(dQkv, 0, 3 * size, 0f);
            float scale = (float) (1 / Math.sqrt(headDim));
            int stride = 3 * dim;
            for (int d = 0; d < b; d++) {
                int n = lengths[d];
                int qo = starts[d] * stride;
                int co = starts[d] * dim;
                dScores = atLeast(dScores, n * n);
                for (int h = 0; h < heads; h++) {
                    int po = probabilityStarts[d] + h * n * n;
                    int q = qo + h * headDim;
                    int k = q + dim;
                    int v = k + dim;
                    Arrays.fill(dScores, 0, n * n, 0f);
                    MatMul.nt(n, n, headDim, dContext, co + h * headDim, dim, s.qkv, v, stride, dScores, 0, n);
                    MatMul.tn(n, headDim, n, s.probabilities, po, n, dContext, co + h * headDim, dim, dQkv, v, stride);
                    softmaxRowsBackward(s.probabilities, po, dScores, n, scale);
                    MatMul.nn(n, headDim, n, dScores, 0, n, s.qkv, k, stride, dQkv, q, stride);
                    MatMul.tn(n, headDim, n, dScores, 0, n, s.qkv, q, stride, dQkv, k, stride);
                }
            }
            linearBackward(s.input, dQkv, rows, block.qkv, dCurrent, grads, first);
        }
    }

    /** Each of n rows of x[o..] = softmax(scale row), in place. */
    private static void softmaxRows(float[] x, int o, int n, float scale) {
        for (int r = 0; r < n; r++) {
            int ro = o + r * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[ro + j] * scale);
            }
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(x[ro + j] * scale - max);
                x[ro + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < n; j++) {
                x[ro + j] *= inv;
            }
        }
    }

    /** dp (n x n) becomes dLoss/d(raw scores): scale p (dp - sum_j dp_j p_j), row by row. */
    private static void softmaxRowsBackward(float[] p, int po, float[] dp, int n, float scale) {
        for (int r = 0; r < n; r++) {
            float dot = 0f;
            for (int j = 0; j < n; j++) {
                dot += dp[r * n + j] * p[po + r * n + j];
            }
            for (int j = 0; j < n; j++) {
                dp[r * n + j] = scale * p[po + r * n + j] * (dp[r * n + j] - dot);
            }
        }
    }
}
