package org.fenlei.models;

import org.fenlei.model.EncoderShape;
import org.fenlei.model.ModelConfig;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.TrainingOptions;
import org.fenlei.model.Task;
import org.fenlei.nn.Loss;
import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.fenlei.nn.TransformerNetwork;
import org.fenlei.text.PreprocessConfig;
import org.fenlei.train.EncodedDataset;
import org.fenlei.train.FrozenEncoderTrainer;
import org.fenlei.train.LearningRateSchedule;
import org.fenlei.train.TrainingConfig;
import org.fenlei.train.TrainingListener;
import org.fenlei.train.TrainingResult;

import java.util.List;
import java.util.Locale;

/**
 * A pretrained BERT-family encoder (MiniLM, bge, or any BERT in ONNX form), fine-tuned end to end with a new
 * classification head by BERT's recipe (Devlin et al. 2019, appendix A.3): AdamW with weight decay 0.01, 10%
 * warm-up then linear decay, 3 epochs of batches of 32, dropout 0.1, texts cut at 128 tokens; a learning rate of
 * 5e-5, the top of BERT's range, as small encoders take larger steps; gradients clipped at norm 1, as Hugging Face's
 * trainer does. The text is read by the encoder's own WordPiece tokeniser, so Fenlei's cleaning stages stay off but
 * for HTML stripping.
 */
public final class Encoder extends ReadsInOrder {
    @Override
    public String name() {
        return NetworkConfig.ENCODER;
    }

    @Override
    public String description() {
        return "a pretrained BERT-family encoder, fine-tuned";
    }

    @Override
    public void applyDefaults(TrainingOptions o) {
        readsWordPieces(o);
        o.dropout = o.given("dropout") ? o.dropout : 0.1f;
        o.wordDropout = o.given("word-dropout") ? o.wordDropout : 0f;
        o.epochs = o.given("epochs") ? o.epochs : 3;
        o.optimizer = o.given("optimizer") ? o.optimizer : "adamw";
        o.learningRate = o.learningRate != null ? o.learningRate : Float.valueOf(5e-5f);
        o.schedule = o.given("lr-schedule") ? o.schedule : LearningRateSchedule.LINEAR;
        o.warmup = o.given("warmup") ? o.warmup : 0.1;
        o.clipNorm = o.given("clip-norm") ? o.clipNorm : 1f;
    }

    /**
     * The text settings of a WordPiece tokeniser, which cleans the text itself: Fenlei's cleaning off but for HTML
     * stripping (and PII masking, when asked), texts cut at 128 tokens, BERT's fine-tuning length.
     */
    static void readsWordPieces(TrainingOptions o) {
        PreprocessConfig p = o.preprocess;
        o.preprocess = new PreprocessConfig(p.stripHtml(), false, false, false, p.maskDigits(), p.lettersOnly(), false,
                p.maskPii());
        o.cjkBigrams = false;
        o.maxTokens = o.given("max-tokens") ? o.maxTokens : 128;
    }

    @Override
    public Network build(NetworkConfig n, int vocabulary, int buckets, int outputs, long seed) {
        EncoderShape shape = n.encoder();
        if (shape == null) {
            throw new IllegalArgumentException("the encoder architecture needs a pretrained encoder: --encoder "
                    + "minilm, bge-small-en, bge-small-zh or PATH.onnx");
        }
        TransformerNetwork network = new TransformerNetwork(vocabulary, n.embeddingDim(), shape.layers(),
                shape.heads(), n.hiddenUnits(), shape.positions(), outputs, n.dropout(), seed, true,
                EncoderShape.CLS.equals(shape.pooling()));
        if (shape.frozen()) {
            List<Parameter> params = network.parameters();
            params.subList(0, params.size() - 2).forEach(Parameter::freeze);
        }
        return network;
    }

    /** A frozen encoder trains its output layer alone, on each text's representation computed once. */
    @Override
    public TrainingResult train(Network network, Loss loss, Task task, EncodedDataset train,
                                EncodedDataset validation, TrainingConfig config, TrainingListener listener) {
        if (network instanceof TransformerNetwork encoder && encoder.parameters().get(0).frozen()) {
            return FrozenEncoderTrainer.train(encoder, loss, train, validation, config, listener, null);
        }
        return super.train(network, loss, task, train, validation, config, listener);
    }

    @Override
    public String describe(ModelConfig config) {
        NetworkConfig n = config.network();
        EncoderShape s = n.encoder();
        return s == null ? name() : String.format(Locale.ROOT, "encoder %s: %d layers x %d, %d heads, feed-forward "
                + "%d, %s-pooled%s", s.name(), s.layers(), n.embeddingDim(), s.heads(), n.hiddenUnits(), s.pooling(),
                s.frozen() ? ", frozen" : "");
    }
}
