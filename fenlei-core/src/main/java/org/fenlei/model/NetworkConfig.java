package org.fenlei.model;

import org.fenlei.nn.Network;

/**
 * The network's shape. {@code origin}: Embedding(V, embeddingDim) -> mean over tokens -> Dropout(dropout) ->
 * Dense(hiddenUnits, relu) -> output; hiddenUnits 0 drops the hidden layer. Dropout 0.2 as in TensorFlow's
 * text-classification tutorial, word dropout 0.3 as in Iyyer et al. 2015.
 * <p>{@link #AUTO} sizes (the default) are 16 and 16, the origin model's, for up to 8 classes; with more classes a
 * 16-wide bottleneck cannot keep them apart (20 Newsgroups: 64% at 16, 78% at 64), so the width grows to the
 * power of two at or above twice the class count. {@link #resolve} fixes the sizes before training.
 * <p>{@code fasttext}: Embedding(V + buckets, embeddingDim) -> mean -> Dense(K), no hidden layer and no dropout
 * (Joulin et al. 2017), trained with the {@code hogwild} optimiser.
 * <p>{@code cnn}: Kim's (2014) CNN: Embedding(V, embeddingDim) -> convolutions of widths 3, 4 and 5 with
 * {@code hiddenUnits} maps each, ReLU, max over time -> Dropout(dropout) -> Dense(K).
 * <p>{@code bilstm}, {@code gru}: Embedding(V, embeddingDim) -> a bidirectional LSTM or GRU of {@code hiddenUnits}
 * each way -> max over time -> Dropout(dropout) -> Dense(K); the same dropout rate masks the embedding
 * dimensions (one mask per document) and {@code wordDropout} zeroes whole tokens; {@code recurrentDropout} masks
 * the hidden state that feeds the recurrence, one mask per document for all steps (Gal &amp; Ghahramani 2016).
 * <p>{@code transformer}: BERT's encoder shape, {@value #TRANSFORMER_LAYERS} post-LayerNorm blocks of
 * {@value #TRANSFORMER_HEADS}-head self-attention and a GELU feed-forward of {@code hiddenUnits} over
 * {@code embeddingDim}-wide token plus position embeddings (up to 512 positions), mean-pooled -> Dense(K);
 * {@code dropout} after the embeddings, each sub-layer and the pooling.
 * <p>{@code encoder}: a pretrained BERT-family encoder of the {@link EncoderShape} {@code encoder}, width
 * {@code embeddingDim} and feed-forward {@code hiddenUnits} -> Dropout -> Dense(K), fine-tuned whole.
 * <p>{@code linear}: a sparse linear model over the bag of features ({@code SparseLinear}), fitted by a convex solver
 * ({@link org.fenlei.train.LinearTrainer}); its sizes are unused.
 * <p>Each architecture is a {@link ModelType}, which builds its network and checks its own rules.
 */
public record NetworkConfig(String architecture, int embeddingDim, int hiddenUnits, float dropout,
                            float wordDropout, float recurrentDropout, EncoderShape encoder) {
    public static final String ORIGIN = "origin";
    public static final String FASTTEXT = "fasttext";
    public static final String CNN = "cnn";
    public static final String BILSTM = "bilstm";
    public static final String GRU = "gru";
    public static final String TRANSFORMER = "transformer";
    public static final String LINEAR = "linear";
    public static final String ENCODER = "encoder";
    public static final String FUSED = "fused";
    /** A small encoder that trains on a laptop's CPU in minutes (BERT-base has 12 blocks of 12 heads). */
    public static final int TRANSFORMER_LAYERS = 2;
    public static final int TRANSFORMER_HEADS = 4;
    public static final int AUTO = -1;
    private static final int ORIGIN_WIDTH = 16;
    public static final float DEFAULT_DROPOUT = 0.2f;
    public static final float DEFAULT_WORD_DROPOUT = 0.3f;

    public NetworkConfig(String architecture, int embeddingDim, int hiddenUnits, float dropout, float wordDropout,
                         float recurrentDropout, EncoderShape encoder) {
        ModelType type = ModelTypes.get(architecture);
        if ((embeddingDim < 1 && embeddingDim != AUTO) || embeddingDim > 4096) {
            throw new IllegalArgumentException("embeddingDim must be in 1..4096, was " + embeddingDim);
        }
        if ((hiddenUnits < 0 && hiddenUnits != AUTO) || hiddenUnits > 4096) {
            throw new IllegalArgumentException("hiddenUnits must be in 0..4096, was " + hiddenUnits);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        if (!(wordDropout >= 0 && wordDropout < 1)) {
            throw new IllegalArgumentException("wordDropout must be in [0, 1), was " + wordDropout);
        }
        if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
            throw new IllegalArgumentException("recurrentDropout must be in [0, 1), was " + recurrentDropout);
        }
        if (recurrentDropout > 0 && !type.recurrent()) {
            throw new IllegalArgumentException("recurrent dropout needs a recurrent architecture (bilstm, gru), not "
                    + architecture);
        }
        if (encoder != null && !ENCODER.equals(architecture) && !FUSED.equals(architecture)) {
            throw new IllegalArgumentException("an encoder shape is for the encoder and fused architectures, not "
                    + architecture);
        }
        this.architecture = architecture;
        this.embeddingDim = embeddingDim;
        this.hiddenUnits = hiddenUnits;
        this.dropout = dropout;
        this.wordDropout = wordDropout;
        this.recurrentDropout = recurrentDropout;
        this.encoder = encoder;
        // the kind's own rules see the whole configuration
        type.validate(this);
    }

    /** A network that is not a pretrained encoder. */
    public NetworkConfig(String architecture, int embeddingDim, int hiddenUnits, float dropout, float wordDropout,
                         float recurrentDropout) {
        this(architecture, embeddingDim, hiddenUnits, dropout, wordDropout, recurrentDropout, null);
    }

    /** A network without recurrent dropout. */
    public NetworkConfig(String architecture, int embeddingDim, int hiddenUnits, float dropout, float wordDropout) {
        this(architecture, embeddingDim, hiddenUnits, dropout, wordDropout, 0f);
    }

    public static NetworkConfig origin() {
        return new NetworkConfig(ORIGIN, AUTO, AUTO, DEFAULT_DROPOUT, DEFAULT_WORD_DROPOUT);
    }

    /** fastText's supervised model with its default dimension, 100; train it with {@code TrainingConfig.fastText()}. */
    public static NetworkConfig fastText() {
        return new NetworkConfig(FASTTEXT, 100, 0, 0f, 0f);
    }

    /** These sizes with {@link #AUTO} replaced for a task of {@code classes} classes. */
    public NetworkConfig resolve(int classes) {
        int width = Math.max(ORIGIN_WIDTH, Integer.highestOneBit(Math.max(1, 2 * classes - 1)) << 1);
        return new NetworkConfig(architecture, embeddingDim == AUTO ? width : embeddingDim,
                hiddenUnits == AUTO ? width : hiddenUnits, dropout, wordDropout, recurrentDropout, encoder);
    }

    /** The kind of model this is. */
    public ModelType type() {
        return ModelTypes.get(architecture);
    }

    /** The network for {@code vocabulary} words and {@code buckets} hashed n-gram rows after them. */
    public Network build(int vocabulary, int buckets, int outputs, long seed) {
        if (embeddingDim == AUTO || hiddenUnits == AUTO) {
            throw new IllegalStateException("resolve(classes) the automatic sizes before building the network");
        }
        if (type().readsInOrder() && buckets > 0) {
            throw new IllegalArgumentException("the " + architecture + " architecture reads tokens in order: no "
                    + "hashed n-grams");
        }
        return type().build(this, vocabulary, buckets, outputs, seed);
    }

    /** The columns of the network's first parameter, the table with a row per feature, for {@code outputs}. */
    public int tableColumns(int outputs) {
        return type().tableColumns(this, outputs);
    }

    /**
     * Whether the architecture reads tokens in order (cnn, bilstm, gru, transformer), rather than as a bag, so
     * takes no hashed n-gram rows.
     */
    public static boolean readsInOrder(String architecture) {
        return ModelTypes.get(architecture).readsInOrder();
    }
}
