package org.fenlei.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.fenlei.model.EncoderShape;
import org.fenlei.model.PretrainedEncoder;
import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.fenlei.nn.TokenBatch;
import org.fenlei.nn.TransformerNetwork;
import org.fenlei.text.FeatureConfig;
import org.fenlei.text.IntList;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fenlei's forward pass of an imported encoder against ONNX Runtime's on the original file: the largest gap. */
final class Parity {
    private Parity() {
    }

    /**
     * The largest absolute difference between Fenlei's pooled output and the pooling of ONNX Runtime's
     * last_hidden_state, over {@code texts}, each run alone (no padding).
     */
    static double maxDifference(PretrainedEncoder encoder, byte[] onnx, List<String> originalVocabulary,
                                List<String> texts) throws OrtException {
        int dim = encoder.dim();
        EncoderShape shape = encoder.shape();
        TransformerNetwork net = new TransformerNetwork(encoder.vocabulary().size(), dim, shape.layers(),
                shape.heads(), encoder.ffn(), shape.positions(), dim, 0f, 1, true,
                EncoderShape.CLS.equals(shape.pooling()));
        encoder.copyInto(net);
        // an identity head: the logits are the pooled representation
        List<Parameter> params = net.parameters();
        float[] head = params.get(params.size() - 2).value();
        java.util.Arrays.fill(head, 0f);
        for (int k = 0; k < dim; k++) {
            head[k * dim + k] = 1f;
        }
        java.util.Arrays.fill(params.get(params.size() - 1).value(), 0f);
        Vocabulary vocabulary = new Vocabulary(encoder.vocabulary());
        TextAnalyzer analyzer = new TextAnalyzer(FeatureConfig.defaults()
                .withPreprocess(org.fenlei.text.PreprocessConfig.none()).withCjkBigrams(false)
                .withWordPiece(encoder.wordPiece()).withMaxTokens(128), vocabulary);
        Map<String, Integer> original = new HashMap<>();
        for (int i = 0; i < originalVocabulary.size(); i++) {
            original.put(originalVocabulary.get(i), i);
        }
        Network.Pass pass = net.newPass(1);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double worst = 0;
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
            for (String text : texts) {
                IntList ids = new IntList();
                analyzer.encode(text, vocabulary, ids);
                int[] doc = ids.toArray();
                long[][] inputIds = new long[1][doc.length];
                for (int i = 0; i < doc.length; i++) {
                    inputIds[0][i] = original.get(vocabulary.token(doc[i]));
                }
                TokenBatch batch = new TokenBatch();
                batch.add(doc);
                float[] fenlei = pass.forward(batch);
                long[][] mask = new long[1][doc.length];
                java.util.Arrays.fill(mask[0], 1L);
                Map<String, OnnxTensor> inputs = new HashMap<>();
                inputs.put("input_ids", OnnxTensor.createTensor(env, inputIds));
                inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
                if (session.getInputNames().contains("token_type_ids")) {
                    inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[1][doc.length]));
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    float[][] hidden = ((float[][][]) result.get(0).getValue())[0];
                    int rows = EncoderShape.CLS.equals(shape.pooling()) ? 1 : hidden.length;
                    for (int k = 0; k < dim; k++) {
                        double sum = 0;
                        for (int r = 0; r < rows; r++) {
                            sum += hidden[r][k];
                        }
                        worst = Math.max(worst, Math.abs(sum / rows - fenlei[k]));
                    }
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
            }
        }
        return worst;
    }
}
