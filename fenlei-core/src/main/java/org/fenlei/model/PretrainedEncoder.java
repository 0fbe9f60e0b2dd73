package org.fenlei.model;

import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.fenlei.text.Vocabulary;
import org.fenlei.text.WordPieceConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pretrained BERT-family encoder ready to be fine-tuned: its shape, its WordPiece vocabulary (in Fenlei's order,
 * {@link Vocabulary#OOV} first) and tokeniser, and its weights named as the parameters of Fenlei's
 * {@code TransformerNetwork} (all but the classification head, which starts afresh). An importer (the
 * {@code fenlei-encoder} module reads ONNX files) makes one; {@code ClassifierBuilder.encoder} fine-tunes it.
 *
 * @param shape      layers, heads, positions, pooling and name
 * @param dim        the model width
 * @param ffn        the feed-forward width
 * @param vocabulary the tokens, [UNK] first
 * @param wordPiece  how its tokeniser reads text
 * @param weights    the encoder's parameters by Fenlei's names
 */
public record PretrainedEncoder(EncoderShape shape, int dim, int ffn, List<String> vocabulary,
                                WordPieceConfig wordPiece, List<ModelContents.Tensor> weights) {
    public PretrainedEncoder {
        vocabulary = List.copyOf(vocabulary);
        weights = List.copyOf(weights);
        if (vocabulary.isEmpty() || !Vocabulary.OOV.equals(vocabulary.get(0))) {
            throw new IllegalArgumentException("encoder " + shape.name() + ": its vocabulary must start with "
                    + Vocabulary.OOV);
        }
        for (String special : List.of(WordPieceConfig.CLS, WordPieceConfig.SEP)) {
            if (!vocabulary.contains(special)) {
                throw new IllegalArgumentException("encoder " + shape.name() + ": its vocabulary lacks " + special);
            }
        }
    }

    /** The same encoder kept frozen: only an output layer learns, from its cached representations. */
    public PretrainedEncoder frozen() {
        return new PretrainedEncoder(shape.withFrozen(true), dim, ffn, vocabulary, wordPiece, weights);
    }

    /**
     * The network configuration of a fused model: this encoder, frozen, and the word features after its
     * vocabulary, under one linear head.
     */
    public NetworkConfig fused() {
        return new NetworkConfig(NetworkConfig.FUSED, dim, ffn, 0f, 0f, 0f,
                shape.withFrozen(true).withTokens(vocabulary.size()));
    }

    /** The network configuration that fine-tunes this encoder (or trains its head) with {@code dropout}. */
    public NetworkConfig network(float dropout) {
        return new NetworkConfig(NetworkConfig.ENCODER, dim, ffn, dropout, 0f, 0f, shape);
    }

    /**
     * Copies the weights into {@code network}'s parameters of the same names; every weight must find its
     * parameter, of its shape, and only the parameters left over (the classification head) keep their start.
     */
    public void copyInto(Network network) {
        Map<String, Parameter> byName = new HashMap<>();
        for (Parameter p : network.parameters()) {
            byName.put(p.name(), p);
        }
        for (ModelContents.Tensor t : weights) {
            Parameter p = byName.get(t.name());
            if (p == null) {
                throw new IllegalArgumentException("encoder " + shape.name() + ": the network has no parameter "
                        + t.name());
            }
            if (p.rows() != t.rows() || p.cols() != t.cols()) {
                throw new IllegalArgumentException("encoder " + shape.name() + ": " + t.name() + " is " + t.rows()
                        + "x" + t.cols() + ", the network's " + p.rows() + "x" + p.cols());
            }
            System.arraycopy(t.denseValues(), 0, p.value(), 0, p.value().length);
        }
    }
}
