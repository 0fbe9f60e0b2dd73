package org.fenlei.model;

import java.util.Locale;

/**
 * The shape of a pretrained BERT-family encoder beyond its width ({@link NetworkConfig#embeddingDim}) and
 * feed-forward width ({@link NetworkConfig#hiddenUnits}). Stored in the model file.
 *
 * @param name      where it came from: a named encoder ({@code minilm}) or the ONNX file's name
 * @param layers    encoder blocks
 * @param heads     attention heads per block
 * @param positions length of the position table, the longest text it reads
 * @param pooling   {@code mean} over the tokens or {@code cls}, the first token's output
 * @param frozen    the encoder keeps its pretrained weights and only the output layer learns, from each text's
 *                  pooled representation computed once (and cached on disk); otherwise it is fine-tuned whole
 * @param tokens    the encoder's vocabulary size where the model's vocabulary goes on after it (a fused model's
 *                  word features); 0: the whole vocabulary is the encoder's
 */
public record EncoderShape(String name, int layers, int heads, int positions, String pooling, boolean frozen,
                           int tokens) {
    public static final String MEAN = "mean";
    public static final String CLS = "cls";

    public EncoderShape {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an encoder needs a name");
        }
        if (layers < 1 || layers > 64 || heads < 1 || heads > 128 || positions < 2 || positions > 65_536) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "encoder %s: invalid shape: %d layers, %d "
                    + "heads, %d positions", name, layers, heads, positions));
        }
        if (tokens < 0) {
            throw new IllegalArgumentException("encoder " + name + ": invalid vocabulary size " + tokens);
        }
        if (!MEAN.equals(pooling) && !CLS.equals(pooling)) {
            throw new IllegalArgumentException("pooling must be mean or cls, was " + pooling);
        }
    }

    /** An encoder that is fine-tuned whole. */
    public EncoderShape(String name, int layers, int heads, int positions, String pooling) {
        this(name, layers, heads, positions, pooling, false, 0);
    }

    public EncoderShape withFrozen(boolean f) {
        return new EncoderShape(name, layers, heads, positions, pooling, f, tokens);
    }

    /** The encoder's own vocabulary size, when the model's vocabulary holds more after it. */
    public EncoderShape withTokens(int n) {
        return new EncoderShape(name, layers, heads, positions, pooling, frozen, n);
    }
}
