package org.fenlei.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests a fuzz run found answered with a 500, with HTML or with a 200 that dropped part of the body. They are
 * sent over a raw socket, byte for byte, since an HTTP client would refuse to send most of them.
 */
class MalformedHttpTest {
    private static final String PREDICT = "/v1/models/sentiment:predict";

    @TempDir
    static Path dir;
    private static FenleiServer server;

    @BeforeAll
    static void start() throws IOException {
        Path model = FenleiServerTest.model(dir, "sentiment.fenlei", "pos", "neg");
        server = FenleiServer.start(List.of(model), ServerOptions.defaults().withPort(0)
                .withLimits(4096, 5, 200).withReloadInterval(Duration.ofSeconds(60)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A response as it came off the wire: status, headers (names lower-cased) and body. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return FenleiServer.JSON.readTree(body);
        }
    }

    /** Sends {@code head} and {@code body} as they are, half-closes if asked, and reads the first response. */
    static Raw send(int port, String head, byte[] body, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return read(socket.getInputStream());
        }
    }

    private static Raw send(String head, String body) throws IOException {
        return send(server.port(), head, body.getBytes(StandardCharsets.UTF_8), true);
    }

    /** The final response; an interim 1xx one (100 Continue, for a request that expects it) comes first. */
    private static Raw read(InputStream in) throws IOException {
        Raw r = readOne(in);
        while (r.status() >= 100 && r.status() < 200) {
            r = readOne(in);
        }
        return r;
    }

    private static Raw readOne(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the response head: " + headBytes);
            }
            headBytes.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (status < 200) {
            body = new byte[0];
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                all.write(in.readNBytes(size));
                line(in);
            }
            body = all.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Raw(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private static String post(String path, String... headers) {
        StringBuilder sb = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    private static String json(String body, String... more) {
        String[] headers = new String[more.length + 2];
        headers[0] = "Content-Type: application/json";
        headers[1] = "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length;
        System.arraycopy(more, 0, headers, 2, more.length);
        return post(PREDICT, headers);
    }

    /** The one error shape: a JSON content type and {"error": {"code", "message", "field"}}. */
    static void assertErrorShape(Raw r, int status, String what) throws IOException {
        assertEquals(status, r.status(), what + ": " + r.body());
        assertTrue(r.headers().getOrDefault("content-type", "").startsWith("application/json"),
                what + ": " + r.headers());
        JsonNode error = r.json().get("error");
        assertTrue(error != null && error.isObject(), what + ": " + r.body());
        assertTrue(error.get("code").isTextual() && error.get("message").isTextual(), what + ": " + r.body());
        assertTrue(error.has("field"), what + ": " + r.body());
    }

    @Test
    void aBodyWithMoreThanOneJsonValueIsRefused() throws IOException {
        for (String body : List.of("{\"texts\":[\"x\"]}{\"texts\":[\"y\"]}", "{\"texts\":[\"x\"]} xyz",
                "{\"texts\":[\"x\"]}, {\"texts\":[\"y\"]}", "{\"texts\":[\"x\"],\"texts\":[\"y\"]}")) {
            Raw r = send(json(body), body);
            assertErrorShape(r, 400, body);
        }
        Raw ok = send(json("{\"texts\":[\"x\"]}  \n"), "{\"texts\":[\"x\"]}  \n");
        assertEquals(200, ok.status(), ok.body());
    }

    @Test
    void aBodyCutShortIsABadRequestNotAServerError() throws IOException {
        Raw shortBody = send(post(PREDICT, "Content-Type: application/json", "Content-Length: 100"),
                "{\"texts\":[\"x\"");
        assertErrorShape(shortBody, 400, "short body");
        Raw badChunk = send(post(PREDICT, "Content-Type: application/json", "Transfer-Encoding: chunked"),
                "zz\r\n{\"texts\":[\"x\"]}\r\n0\r\n\r\n");
        assertErrorShape(badChunk, 400, "chunk size zz");
        Raw cutChunk = send(post(PREDICT, "Content-Type: application/json", "Transfer-Encoding: chunked"),
                "20\r\n{\"texts\":[\"x\"");
        assertErrorShape(cutChunk, 400, "chunked body cut off");
    }

    @Test
    void jettysOwnRefusalsHaveTheJsonShape() throws IOException {
        String body = "{\"texts\":[\"x\"]}";
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("POST /v1/models/sentiment%00:predict HTTP/1.1\r\nHost: a\r\n\r\n", 400);
        cases.put("GET /%ZZ HTTP/1.1\r\nHost: a\r\n\r\n", 400);
        cases.put("GET /v1/models/%C0%AE HTTP/1.1\r\nHost: a\r\n\r\n", 400);
        cases.put("GET /v1/models HTTP/1.1\r\n\r\n", 400);
        cases.put(post(PREDICT, "Content-Type: application/json", "Content-Length: 15", "Content-Length: 16"), 400);
        cases.put(post(PREDICT, "Content-Type: application/json", "Content-Length: -5"), 400);
        cases.put(post(PREDICT, "Content-Type: application/json", "Content-Length: 15",
                "Transfer-Encoding: chunked"), 400);
        cases.put("GET /" + "a".repeat(16 * 1024) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414);
        StringBuilder many = new StringBuilder("GET /v1/models HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < 1000; i++) {
            many.append("X-Header-").append(i).append(": value\r\n");
        }
        cases.put(many.append("\r\n").toString(), 431);
        cases.put("GET /v1/models HTTP/9.9\r\nHost: a\r\n\r\n", 505);
        cases.put(post(PREDICT, "Content-Type: application/json", "Content-Length: 15", "Expect: bogus"), 417);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            String what = c.getKey().length() > 120 ? c.getKey().substring(0, 120) + "..." : c.getKey();
            assertErrorShape(send(c.getKey(), body), c.getValue(), what);
        }
        Raw http2 = send("GET /v1/models HTTP/2.0\r\nHost: a\r\n\r\n", "");
        assertTrue(http2.status() == 426 || http2.status() == 505 || http2.status() == 400, http2.body());
        assertErrorShape(http2, http2.status(), "HTTP/2.0");
    }

    @Test
    void otherMethodsOnThePredictRouteAre405WithAllow() throws IOException {
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS")) {
            Raw r = send(method + " " + PREDICT + " HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", "");
            assertErrorShape(r, 405, method);
            assertEquals("POST", r.headers().get("allow"), method + ": " + r.headers());
        }
    }

    @Test
    void headAnswersAsGetDoesWithoutABody() throws IOException {
        for (String path : List.of(PREDICT, "/v1/models/sentiment", "/nowhere")) {
            Raw get = send("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", "");
            Raw head = send("HEAD " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", "");
            assertEquals(get.status(), head.status(), path);
        }
    }

    @Test
    void onlyUtf8JsonWithoutContentEncodingIsTaken() throws IOException {
        String body = "{\"texts\":[\"x\"]}";
        Raw gzip = send(json(body, "Content-Encoding: gzip"), body);
        assertErrorShape(gzip, 415, "gzip");
        assertEquals("Content-Encoding", gzip.json().get("error").get("field").asText());
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(zipped)) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        Raw realGzip = send(server.port(), post(PREDICT, "Content-Type: application/json", "Content-Encoding: gzip",
                "Content-Length: " + zipped.size()), zipped.toByteArray(), true);
        assertErrorShape(realGzip, 415, "gzip body");
        byte[] utf16 = body.getBytes(StandardCharsets.UTF_16LE);
        Raw charset = send(server.port(), post(PREDICT, "Content-Type: application/json; charset=utf-16",
                "Content-Length: " + utf16.length), utf16, true);
        assertErrorShape(charset, 415, "utf-16");
        Raw utf8 = send(json(body).replace("application/json", "application/json; charset=UTF-8"), body);
        assertEquals(200, utf8.status(), utf8.body());
    }

    @Test
    void theTextLimitCountsCodePoints() throws IOException {
        String emoji = "\uD83D\uDE00";
        String fits = "{\"texts\":[\"" + emoji.repeat(150) + "\"]}";
        Raw ok = send(json(fits), fits);
        assertEquals(200, ok.status(), ok.body());
        String over = "{\"texts\":[\"" + emoji.repeat(201) + "\"]}";
        Raw tooLong = send(json(over), over);
        assertErrorShape(tooLong, 413, "201 emoji");
        assertTrue(tooLong.json().get("error").get("message").asText().contains("201 characters"), tooLong.body());
        assertFalse(tooLong.body().contains("402"), tooLong.body());
    }
}
