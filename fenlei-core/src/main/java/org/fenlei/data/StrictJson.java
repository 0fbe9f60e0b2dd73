package org.fenlei.data;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads text that must hold exactly one JSON value: a JSONL line or a request body. Jackson on its own reads the
 * first value and ignores what follows ({@code {...}{...}}, {@code {...} garbage}), and keeps the last of two equal
 * keys; here both are errors, so that no row or text is dropped without a word.
 */
public final class StrictJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {
    }

    /** The one value in {@code text}; {@link JsonProcessingException} says what is wrong and where. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null) {
                throw new JsonParseException(parser, "no JSON value");
            }
            long end = parser.currentLocation().getColumnNr();
            boolean more;
            try {
                more = parser.nextToken() != null;
            } catch (StreamReadException e) {
                more = true;
            }
            if (more) {
                throw new JsonParseException(parser, "more than one JSON value: text follows the first value, "
                        + "which ends at column " + end);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }
}
