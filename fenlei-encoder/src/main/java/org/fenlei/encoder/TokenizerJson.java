package org.fenlei.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fenlei.text.WordPieceConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} of a BERT-family encoder: a WordPiece model after a BertNormalizer and a
 * BertPreTokenizer. Gives the vocabulary in id order and the tokeniser's settings; any other kind of tokenizer is
 * refused by name, since Fenlei would read text differently from the encoder's training.
 *
 * @param vocabulary the tokens by id
 * @param unknown    the unknown token
 * @param config     the tokeniser's settings
 */
record TokenizerJson(List<String> vocabulary, String unknown, WordPieceConfig config) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static TokenizerJson read(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new EncoderException(source + ": not a tokenizer.json (" + e.getMessage() + ")", e);
        }
        JsonNode model = root == null ? null : root.get("model");
        if (model == null || !"WordPiece".equals(model.path("type").asText())) {
            throw new EncoderException(source + ": not a WordPiece tokenizer.json (model type "
                    + (model == null ? "missing" : model.path("type").asText()) + "); Fenlei reads BERT-family "
                    + "encoders");
        }
        JsonNode normalizer = root.path("normalizer");
        if (!"BertNormalizer".equals(normalizer.path("type").asText())) {
            throw new EncoderException(source + ": normalizer " + normalizer.path("type").asText("none")
                    + " is not BertNormalizer");
        }
        String pre = root.path("pre_tokenizer").path("type").asText();
        if (!"BertPreTokenizer".equals(pre)) {
            throw new EncoderException(source + ": pre-tokenizer " + pre + " is not BertPreTokenizer");
        }
        boolean lowercase = normalizer.path("lowercase").asBoolean(true);
        JsonNode strip = normalizer.path("strip_accents");
        boolean stripAccents = strip.isBoolean() ? strip.asBoolean() : lowercase;
        WordPieceConfig config = new WordPieceConfig(lowercase, stripAccents,
                normalizer.path("handle_chinese_chars").asBoolean(true),
                model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100));
        JsonNode vocab = model.path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new EncoderException(source + ": the WordPiece model has no vocabulary");
        }
        String[] tokens = new String[vocab.size()];
        for (Map.Entry<String, JsonNode> e : vocab.properties()) {
            int id = e.getValue().asInt(-1);
            if (id < 0 || id >= tokens.length || tokens[id] != null) {
                throw new EncoderException(source + ": vocabulary ids must be 0.." + (tokens.length - 1)
                        + ", each once; '" + e.getKey() + "' has " + e.getValue());
            }
            tokens[id] = e.getKey();
        }
        String unknown = model.path("unk_token").asText("[UNK]");
        if (!Arrays.asList(tokens).contains(unknown)) {
            throw new EncoderException(source + ": the unknown token " + unknown + " is not in the vocabulary");
        }
        return new TokenizerJson(new ArrayList<>(Arrays.asList(tokens)), unknown, config);
    }
}
