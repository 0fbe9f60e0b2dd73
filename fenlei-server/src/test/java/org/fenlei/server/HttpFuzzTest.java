package org.fenlei.server;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.fenlei.fuzz.Fuzz;
import org.fenlei.fuzz.Mutation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the HTTP layer twice over: the request parser alone with damaged bodies and odd content types, and the
 * running server with damaged raw requests (request line, headers and body) sent byte for byte. Properties: the
 * parser accepts a body exactly when a strict reference reading of it holds a valid request, with the same texts,
 * and refuses with a 4xx that names a code; the server answers every request, never with a 5xx, and every error
 * in the one JSON shape.
 */
class HttpFuzzTest {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ServerOptions LIMITS = ServerOptions.defaults().withPort(0).withLimits(4096, 5, 200)
            .withReloadInterval(Duration.ofSeconds(60));
    private static final List<byte[]> TOKENS = List.of(b("\""), b("\\"), b(","), b("{"), b("}"), b("["), b("]"),
            b(":"), b(" "), b("\r\n"), b("\n"), b("\u00e9"), b("\uD83D\uDE00"), new byte[] {(byte) 0xC3},
            new byte[] {(byte) 0xFF}, new byte[] {0}, b("\"texts\""), b("null"), b("1e400"), b("-1"), b("%00"),
            b("%ZZ"), b("Content-Length: 9999\r\n"), b("Transfer-Encoding: chunked\r\n"), b("HTTP/9.9"),
            b("Expect: 100-continue\r\n"), b("Host: x\r\n"), b("a".repeat(300)));

    private static Path dir;
    private static FenleiServer server;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("fenlei-http-fuzz");
        server = FenleiServer.start(List.of(FenleiServerTest.model(dir, "sentiment.fenlei", "pos", "neg")), LIMITS);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final int[] TEXT_CHARS = "ab \u00e9\"\\\n\uD83D\uDE00".codePoints().toArray();
    private static final List<String> EXTRAS = List.of("", ", \"top_k\": 2", ", \"threshold\": 0.5",
            ", \"top_k\": 0", ", \"other\": 1");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=latin1", "text/plain", "application/JSON", "");

    /** A valid request body: one to six short texts, maybe with top_k, threshold or an unknown field. */
    private static String body(SplittableRandom r) {
        StringBuilder sb = new StringBuilder("{\"texts\": [");
        for (int i = r.nextInt(1, 7) - 1; i >= 0; i--) {
            StringBuilder text = new StringBuilder();
            for (int j = r.nextInt(21); j > 0; j--) {
                text.appendCodePoint(TEXT_CHARS[r.nextInt(TEXT_CHARS.length)]);
            }
            String quoted = text.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            sb.append('"').append(quoted).append('"').append(i == 0 ? "" : ", ");
        }
        return sb.append(']').append(EXTRAS.get(r.nextInt(EXTRAS.size()))).append('}').toString();
    }

    /** The texts of a valid request by a strict, separate reading of the body; null if it must be refused. */
    private static List<String> reference(byte[] body) {
        JsonNode root;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
            root = STRICT.readTree(text);
        } catch (Exception e) {
            return null;
        }
        if (root == null || !root.isObject() || !root.path("texts").isArray() || root.get("texts").isEmpty()
                || root.get("texts").size() > 5 || root.size() > (root.has("top_k") ? 1 : 0)
                + (root.has("threshold") ? 1 : 0) + 1) {
            return null;
        }
        JsonNode k = root.get("top_k");
        JsonNode t = root.get("threshold");
        if (k != null && !k.isNull() && !(k.isIntegralNumber() && k.canConvertToInt() && k.intValue() >= 1)
                || t != null && !t.isNull() && !(t.isNumber() && t.doubleValue() >= 0 && t.doubleValue() <= 1)) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode n : root.get("texts")) {
            if (!n.isTextual() || n.textValue().codePoints().count() > 200) {
                return null;
            }
            texts.add(n.textValue());
        }
        return texts;
    }

    @Test
    void requestBodies() {
        Fuzz.run("request body", Fuzz.tries(50_000), r -> {
            String contentType = CONTENT_TYPES.get(r.nextInt(CONTENT_TYPES.size()));
            byte[] bytes = Mutation.applyAll(body(r).getBytes(StandardCharsets.UTF_8), Mutation.some(r, 0, 3, TOKENS));
            // media types and charset names are case-insensitive (RFC 9110)
            boolean json = List.of("application/json", "application/json; charset=utf-8")
                    .contains(contentType.toLowerCase(Locale.ROOT));
            List<String> expected = json && bytes.length <= 4096 ? reference(bytes) : null;
            try {
                PredictRequests.Parsed parsed = new PredictRequests(LIMITS).parse(contentType, null, bytes);
                assertEquals(expected, parsed.texts(), new String(bytes, StandardCharsets.UTF_8));
                return Fuzz.Outcome.ACCEPTED;
            } catch (ApiException e) {
                assertEquals(null, expected, e.getMessage() + " for " + new String(bytes, StandardCharsets.UTF_8));
                assertTrue(e.status >= 400 && e.status < 500, e.status + " " + e.getMessage());
                assertNotNull(e.code);
                assertNotNull(e.getMessage());
                return Fuzz.Outcome.REFUSED;
            }
        });
    }

    @Test
    void rawRequests() {
        Fuzz.run("raw HTTP request", Fuzz.tries(5_000), r -> {
            byte[] content = body(r).getBytes(StandardCharsets.UTF_8);
            byte[] head = b("POST /v1/models/sentiment:predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n");
            byte[] request = Mutation.applyAll(concat(head, content), Mutation.some(r, 0, 3, TOKENS));
            String text = new String(request, StandardCharsets.ISO_8859_1);
            MalformedHttpTest.Raw answer;
            try {
                answer = MalformedHttpTest.send(server.port(), "", request, true);
            } catch (IOException e) {
                // a client that closes before its request's head is complete has sent no request to answer
                assertTrue(!text.contains("\r\n\r\n") && !text.contains("\n\n"), text + ": " + e);
                return Fuzz.Outcome.REFUSED;
            }
            assertTrue(answer.status() < 500 || answer.status() == 505, answer.status() + " " + answer.body());
            if (answer.status() != 200 && !answer.body().isEmpty()) {
                MalformedHttpTest.assertErrorShape(answer, answer.status(),
                        new String(request, StandardCharsets.ISO_8859_1));
            }
            return answer.status() == 200 ? Fuzz.Outcome.ACCEPTED : Fuzz.Outcome.REFUSED;
        });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
