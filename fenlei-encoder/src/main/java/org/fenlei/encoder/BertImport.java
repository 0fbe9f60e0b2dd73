package org.fenlei.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fenlei.model.EncoderShape;
import org.fenlei.model.ModelContents.Tensor;
import org.fenlei.model.PretrainedEncoder;
import org.fenlei.text.Vocabulary;
import org.fenlei.text.WordPieceConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A BERT-family encoder's ONNX weights and tokenizer.json made into a {@link PretrainedEncoder}: Hugging Face's
 * parameters renamed to Fenlei's, the query, key and value maps side by side in one (in, 3 out) matrix, the
 * token-type row of the single segment added into the position table, and the vocabulary reordered so that the
 * unknown token is id 0, the embedding's rows with it.
 */
final class BertImport {
    private BertImport() {
    }

    /**
     * @param heads   the attention heads, or 0 to read them off the graph
     * @param pooling {@link EncoderShape#MEAN} or {@link EncoderShape#CLS}
     */
    static PretrainedEncoder of(String name, OnnxWeights w, TokenizerJson tokenizer, int heads, String pooling,
                                String source) {
        String prefix = prefix(w, source);
        long[] table = w.shape(prefix + "embeddings.word_embeddings.weight");
        int vocabulary = Math.toIntExact(table[0]);
        int dim = Math.toIntExact(table[1]);
        if (vocabulary != tokenizer.vocabulary().size()) {
            throw new EncoderException(source + ": the tokenizer has " + tokenizer.vocabulary().size() + " tokens, "
                    + "the encoder's embedding " + vocabulary + " rows: the tokenizer.json is not this encoder's");
        }
        int layers = w.layers();
        if (layers == 0) {
            throw new EncoderException(source + ": not a BERT-family encoder: no encoder.layer.N weights");
        }
        int h = heads > 0 ? heads : w.heads();
        if (h <= 0 || dim % h != 0) {
            throw new EncoderException(source + ": could not read the attention heads off the graph; put the "
                    + "encoder's config.json (num_attention_heads) beside the ONNX file");
        }
        String first = prefix + "encoder.layer.0.intermediate.dense.bias";
        int ffn = Math.toIntExact(w.shape(first) == null ? 0 : w.shape(first)[0]);
        long[] positionShape = w.shape(prefix + "embeddings.position_embeddings.weight");
        if (ffn == 0 || positionShape == null) {
            throw new EncoderException(source + ": not a BERT-family encoder: no feed-forward or position weights");
        }
        int positions = Math.toIntExact(positionShape[0]);

        List<String> tokens = new ArrayList<>(vocabulary);
        int[] rowOf = new int[vocabulary];
        tokens.add(Vocabulary.OOV);
        rowOf[0] = tokenizer.vocabulary().indexOf(tokenizer.unknown());
        for (int id = 0; id < vocabulary; id++) {
            if (id != rowOf[0]) {
                rowOf[tokens.size()] = id;
                tokens.add(tokenizer.vocabulary().get(id));
            }
        }
        for (String special : List.of(WordPieceConfig.CLS, WordPieceConfig.SEP)) {
            if (!tokens.contains(special)) {
                throw new EncoderException(source + ": the tokenizer has no " + special + " token");
            }
        }
        float[] words = w.get(prefix + "embeddings.word_embeddings.weight", source, vocabulary, dim);
        float[] embedding = new float[words.length];
        for (int r = 0; r < vocabulary; r++) {
            System.arraycopy(words, rowOf[r] * dim, embedding, r * dim, dim);
        }
        float[] position = w.get(prefix + "embeddings.position_embeddings.weight", source, positions, dim).clone();
        String types = prefix + "embeddings.token_type_embeddings.weight";
        if (w.has(types)) {
            float[] type = w.get(types, source, w.shape(types)[0], dim);
            for (int p = 0; p < positions; p++) {
                for (int k = 0; k < dim; k++) {
                    position[p * dim + k] += type[k];
                }
            }
        }
        List<Tensor> weights = new ArrayList<>();
        weights.add(new Tensor("embedding", vocabulary, dim, embedding));
        weights.add(new Tensor("positions", positions, dim, position));
        norm(weights, "embedding.norm", w, prefix + "embeddings.LayerNorm", dim, source);
        for (int l = 0; l < layers; l++) {
            String hf = prefix + "encoder.layer." + l + ".";
            String f = "layer" + l + ".";
            float[][] maps = new float[3][];
            float[] bias = new float[3 * dim];
            String[] parts = {"query", "key", "value"};
            for (int p = 0; p < 3; p++) {
                maps[p] = w.get(hf + "attention.self." + parts[p] + ".weight", source, dim, dim);
                System.arraycopy(w.get(hf + "attention.self." + parts[p] + ".bias", source, dim), 0, bias, p * dim,
                        dim);
            }
            float[] qkv = new float[dim * 3 * dim];
            for (int r = 0; r < dim; r++) {
                for (int p = 0; p < 3; p++) {
                    System.arraycopy(maps[p], r * dim, qkv, r * 3 * dim + p * dim, dim);
                }
            }
            weights.add(new Tensor(f + "attention.qkv.weight", dim, 3 * dim, qkv));
            weights.add(new Tensor(f + "attention.qkv.bias", 1, 3 * dim, bias));
            linear(weights, f + "attention.out", w, hf + "attention.output.dense", dim, dim, source);
            norm(weights, f + "attention.norm", w, hf + "attention.output.LayerNorm", dim, source);
            linear(weights, f + "ffn.in", w, hf + "intermediate.dense", dim, ffn, source);
            linear(weights, f + "ffn.out", w, hf + "output.dense", ffn, dim, source);
            norm(weights, f + "ffn.norm", w, hf + "output.LayerNorm", dim, source);
        }
        return new PretrainedEncoder(new EncoderShape(name, layers, h, positions, pooling), dim, ffn, tokens,
                tokenizer.config(), weights);
    }

    /** The heads a config.json gives ({@code num_attention_heads}), or 0 when it does not. */
    static int headsOf(byte[] configJson, String source) {
        try {
            JsonNode n = new ObjectMapper().readTree(configJson).path("num_attention_heads");
            return n.isInt() ? n.asInt() : 0;
        } catch (IOException e) {
            throw new EncoderException(source + ": not a JSON configuration (" + e.getMessage() + ")", e);
        }
    }

    /** What comes before "embeddings." in the weight names ("" or "bert."). */
    private static String prefix(OnnxWeights w, String source) {
        for (String p : List.of("", "bert.", "model.")) {
            if (w.has(p + "embeddings.word_embeddings.weight")) {
                return p;
            }
        }
        throw new EncoderException(source + ": not a BERT-family encoder: no embeddings.word_embeddings.weight");
    }

    private static void linear(List<Tensor> out, String name, OnnxWeights w, String hf, int in, int outputs,
                               String source) {
        out.add(new Tensor(name + ".weight", in, outputs, w.get(hf + ".weight", source, in, outputs)));
        out.add(new Tensor(name + ".bias", 1, outputs, w.get(hf + ".bias", source, outputs)));
    }

    private static void norm(List<Tensor> out, String name, OnnxWeights w, String hf, int dim, String source) {
        out.add(new Tensor(name + ".gain", 1, dim, w.get(hf + ".weight", source, dim)));
        out.add(new Tensor(name + ".bias", 1, dim, w.get(hf + ".bias", source, dim)));
    }
}
