package org.fenlei.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.fenlei.data.StrictJson;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and checks a prediction request, {@code {"texts": [...], "top_k": 1, "threshold": 0.5, "explain": false}}:
 * the content type,
 * the body's UTF-8, its JSON, every field's type and the limits. Each refusal names the field at fault.
 */
final class PredictRequests {
    private static final Set<String> FIELDS = Set.of("texts", "top_k", "threshold", "explain");

    /**
     * A valid request: the texts, how many labels each answer lists, and the probability floor (null if not given);
     * whether each answer explains itself.
     */
    record Parsed(List<String> texts, Integer topK, Double threshold, boolean explain) {
    }

    private final ServerOptions options;

    PredictRequests(ServerOptions options) {
        this.options = options;
    }

    Parsed parse(String contentType, String contentEncoding, byte[] body) {
        checkMediaType(contentType, contentEncoding);
        if (body.length > options.maxBodyBytes()) {
            throw new ApiException(413, "body_too_large", "the request body exceeds " + options.maxBodyBytes()
                    + " bytes", null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("invalid_utf8", "the request body is not valid UTF-8", null);
        }
        JsonNode root;
        try {
            root = StrictJson.parse(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "the request body is not JSON: "
                    + e.getOriginalMessage() + location(e), null);
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("invalid_type", "the request must be a JSON object such as "
                    + "{\"texts\": [\"...\"]}", "");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown_field", "unknown field '" + name + "'; fields are texts, "
                        + "top_k, threshold and explain", name);
            }
        }
        return new Parsed(texts(root.get("texts")), topK(root.get("top_k")), threshold(root.get("threshold")),
                explain(root.get("explain")));
    }

    /** JSON in UTF-8 (RFC 8259 allows no other encoding), not compressed: anything else would be misread. */
    private static void checkMediaType(String contentType, String contentEncoding) {
        String[] parts = contentType == null ? new String[] {""} : contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send the request as application/json, not "
                    + (contentType == null ? "no content type" : contentType), "Content-Type");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            if (pair[0].trim().equals("charset") && (pair.length < 2
                    || !pair[1].trim().replace("\"", "").equals("utf-8"))) {
                throw new ApiException(415, "unsupported_media_type", "the request body must be UTF-8; "
                        + contentType + " names another character set", "Content-Type");
            }
        }
        if (contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            throw new ApiException(415, "unsupported_media_type", "the request body must not be compressed "
                    + "(Content-Encoding: " + contentEncoding + "); send it as it is", "Content-Encoding");
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private List<String> texts(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "give the texts to classify as \"texts\": [\"...\"]",
                    "texts");
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("invalid_type", "\"texts\" must be an array of strings", "texts");
        }
        if (node.isEmpty()) {
            throw ApiException.badRequest("empty", "\"texts\" is empty: give at least one text", "texts");
        }
        if (node.size() > options.maxTexts()) {
            throw new ApiException(413, "too_many_texts", node.size() + " texts in one request; the limit is "
                    + options.maxTexts(), "texts");
        }
        List<String> texts = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String field = "texts[" + i + "]";
            if (!t.isTextual()) {
                throw ApiException.badRequest("invalid_type", field + " must be a string, was "
                        + t.getNodeType().name().toLowerCase(Locale.ROOT), field);
            }
            String value = t.textValue();
            // characters are code points: an emoji is one, not the two UTF-16 units Java stores
            if (value.length() > options.maxTextChars()
                    && value.codePointCount(0, value.length()) > options.maxTextChars()) {
                throw new ApiException(413, "text_too_long", field + " has " + value.codePointCount(0,
                        value.length()) + " characters; the limit is " + options.maxTextChars(), field);
            }
            texts.add(t.textValue());
        }
        return texts;
    }

    private static Integer topK(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw ApiException.badRequest("invalid_value", "\"top_k\" must be a whole number >= 1", "top_k");
        }
        return node.intValue();
    }

    private static boolean explain(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("invalid_type", "\"explain\" must be true or false", "explain");
        }
        return node.booleanValue();
    }

    private static Double threshold(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= 1)) {
            throw ApiException.badRequest("invalid_value", "\"threshold\" must be a number in [0, 1]", "threshold");
        }
        return node.doubleValue();
    }
}
