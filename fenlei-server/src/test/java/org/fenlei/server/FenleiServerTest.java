package org.fenlei.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.fenlei.Prediction;
import org.fenlei.TextClassifier;
import org.fenlei.model.NetworkConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FenleiServerTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private FenleiServer server;
    private Path sentiment;

    /** A small model whose labels are {@code first} and {@code second}, told apart by a few words. */
    static Path model(Path dir, String file, String first, String second) throws IOException {
        String[] good = {"great", "wonderful", "superb", "loved"};
        String[] bad = {"awful", "boring", "terrible", "hated"};
        Random random = new Random(1);
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 300; i++) {
            boolean positive = i % 2 == 0;
            sb.append(positive ? first : second).append(",the film was ")
                    .append((positive ? good : bad)[random.nextInt(4)]).append('\n');
        }
        Path data = Files.writeString(dir.resolve(file + ".csv"), sb);
        Path model = dir.resolve(file);
        TextClassifier.builder().training(TrainingConfig.defaults().withEpochs(15).withThreads(1)).train(data)
                .save(model);
        return model;
    }

    /** A small one-vs-all model whose labels are oil and ship; some texts carry both. */
    static Path multiLabelModel(Path dir, String file) throws IOException {
        // fastText's format: a text with two labels repeats __label__
        String rows = "__label__oil crude barrel opec prices\n__label__ship vessel port cargo delayed\n"
                + "__label__oil __label__ship crude cargo vessel barrel\n";
        Path data = Files.writeString(dir.resolve(file + ".txt"), rows.repeat(40));
        Path model = dir.resolve(file);
        TextClassifier.builder().multiLabel(true)
                .network(new NetworkConfig(NetworkConfig.FASTTEXT, 8, 0, 0f, 0f))
                .training(TrainingConfig.defaults().withEpochs(20).withOptimizer(TrainingConfig.HOGWILD, 0.5f)
                        .withThreads(1))
                .train(data).save(model);
        return model;
    }

    @BeforeEach
    void start() throws IOException {
        sentiment = model(dir, "sentiment.fenlei", "pos", "neg");
        server = FenleiServer.start(List.of(sentiment), ServerOptions.defaults().withPort(0)
                .withLimits(4096, 5, 200).withReloadInterval(Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> predict(String json) throws Exception {
        return post("/v1/models/sentiment:predict", "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return FenleiServer.JSON.readTree(r.body());
    }

    @Test
    void predictsOneOrManyTextsWithTopKAndThreshold() throws Exception {
        HttpResponse<String> r = predict("{\"texts\": [\"a wonderful film\", \"an awful film\"], \"top_k\": 2}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals("sentiment", body.get("model").asText());
        assertEquals(1, body.get("version").asInt());
        assertEquals("pos", body.get("predictions").get(0).get("label").asText());
        assertEquals("neg", body.get("predictions").get(1).get("label").asText());
        assertEquals(2, body.get("predictions").get(0).get("top").size());
        JsonNode confident = json(predict("{\"texts\": [\"a wonderful film\"], \"top_k\": 2, \"threshold\": 0.5}"));
        assertEquals(1, confident.get("predictions").get(0).get("top").size());
    }

    @Test
    void aMultiLabelModelAnswersWithEveryLabelItAssignsUnlessAskedForTopK() throws Exception {
        Path file = multiLabelModel(dir, "topics.fenlei");
        try (FenleiServer topics = FenleiServer.start(List.of(file), ServerOptions.defaults().withPort(0))) {
            URI uri = URI.create("http://127.0.0.1:" + topics.port() + "/v1/models/topics:predict");
            String[] bodies = {"{\"texts\": [\"vessel cargo with crude barrel\"]}",
                    "{\"texts\": [\"vessel cargo with crude barrel\"], \"top_k\": 1}"};
            List<Integer> sizes = new ArrayList<>();
            for (String body : bodies) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                sizes.add(json(r).get("predictions").get(0).get("top").size());
            }
            assertEquals(List.of(2, 1), sizes, "both labels assigned; the best one asked for");
            JsonNode card = FenleiServer.JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + topics.port() + "/v1/models/topics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(0.5, card.get("thresholds").get("ship").asDouble(), card.toString());
        }
    }

    @Test
    void listsModelsAndAnswersHealthMetricsOpenApiAndThePage() throws Exception {
        JsonNode models = json(get("/v1/models")).get("models");
        assertEquals(1, models.size());
        assertEquals("[\"neg\",\"pos\"]", models.get(0).get("labels").toString());
        assertTrue(models.get(0).get("provenance").get("metrics").has("classification"));
        assertEquals("sentiment", json(get("/v1/models/sentiment")).get("name").asText());
        assertEquals(200, get("/v1/health/live").statusCode());
        assertEquals("ready", json(get("/v1/health/ready")).get("status").asText());
        predict("{\"texts\": [\"great\"]}");
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("fenlei_http_requests_seconds_count{model=\"sentiment\",route=\"predict\","
                + "status=\"200\"}"), metrics);
        assertTrue(metrics.contains("fenlei_prediction_batch_size_texts_count"), metrics);
        assertTrue(metrics.contains("fenlei_model_load_seconds_count{model=\"sentiment\"} 1"), metrics);
        assertEquals("3.0.3", json(get("/openapi.json")).get("openapi").asText());
        HttpResponse<String> page = get("/");
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("Model card"));
    }

    private void assertError(HttpResponse<String> r, int status, String code, String field) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode error = json(r).get("error");
        assertEquals(code, error.get("code").asText(), r.body());
        assertEquals(field, error.get("field").isNull() ? null : error.get("field").asText(), r.body());
        assertFalse(r.body().contains("Exception"), "no stack traces: " + r.body());
    }

    @Test
    void explainsEachPredictionOnRequest() throws Exception {
        HttpResponse<String> r = predict("{\"texts\": [\"a wonderful film\", \"the film was terrible\"], "
                + "\"explain\": true}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode predictions = json(r).get("predictions");
        for (int i = 0; i < 2; i++) {
            JsonNode e = predictions.get(i).get("explanation");
            assertEquals(predictions.get(i).get("label").asText(), e.get("label").asText());
            assertEquals("integrated-gradients", e.get("method").asText());
            double sum = 0;
            for (JsonNode c : e.get("contributions")) {
                sum += c.get("value").asDouble();
            }
            assertEquals(e.get("score").asDouble() - e.get("baseline").asDouble() + e.get("completenessError")
                    .asDouble(), sum, 1e-4, e.toString());
        }
        JsonNode first = predictions.get(0).get("explanation").get("contributions").get(0);
        assertEquals("wonderful", first.get("feature").asText(), predictions.toString());
        assertTrue(first.get("value").asDouble() > 0);
        assertFalse(json(predict("{\"texts\": [\"a wonderful film\"]}")).get("predictions").get(0)
                .has("explanation"));
        assertTrue(json(get("/v1/models")).get("models").get(0).get("explainable").asBoolean());
        assertError(predict("{\"texts\": [\"a\"], \"explain\": \"yes\"}"), 400, "invalid_type", "explain");
    }

    @Test
    void requestTextsNeverReachTheLog() throws Exception {
        String secret = "secret 13800138000 wonderful";
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            assertEquals(200, predict("{\"texts\": [\"" + secret + "\"], \"explain\": true}").statusCode());
            assertEquals(400, predict("{\"texts\": [\"" + secret + "\"").statusCode());
            assertEquals(400, predict("{\"texts\": [\"" + secret + "\"], \"nope\": 1}").statusCode());
            assertEquals(413, predict("{\"texts\": [\"" + secret.repeat(10) + "\"]}").statusCode());
            assertEquals(400, post("/v1/models/sentiment:predict", "application/json",
                    ("{\"texts\": [\"" + secret + "\u00e9\"]}").getBytes(StandardCharsets.ISO_8859_1)).statusCode());
        } finally {
            System.setErr(original);
        }
        String written = log.toString(StandardCharsets.UTF_8);
        assertFalse(written.contains("13800138000") || written.contains("secret"), written);
    }

    @Test
    void everyBadRequestGetsAJsonErrorNamingTheField() throws Exception {
        assertError(predict("{\"texts\": [\"a\""), 400, "malformed_json", null);
        assertError(predict("[1, 2]"), 400, "invalid_type", "");
        assertError(predict("{\"texts\": \"a film\"}"), 400, "invalid_type", "texts");
        assertError(predict("{\"texts\": [\"ok\", 3]}"), 400, "invalid_type", "texts[1]");
        assertError(predict("{\"texts\": []}"), 400, "empty", "texts");
        assertError(predict("{}"), 400, "missing_field", "texts");
        assertError(predict("{\"texts\": [\"a\"], \"top_k\": 0}"), 400, "invalid_value", "top_k");
        assertError(predict("{\"texts\": [\"a\"], \"threshold\": 2}"), 400, "invalid_value", "threshold");
        assertError(predict("{\"texts\": [\"a\"], \"topk\": 2}"), 400, "unknown_field", "topk");
        assertError(predict("{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]}"), 413, "too_many_texts",
                "texts");
        assertError(predict("{\"texts\": [\"" + "a".repeat(201) + "\"]}"), 413, "text_too_long", "texts[0]");
        assertError(predict("{\"texts\": [\"" + "a ".repeat(3000) + "\"]}"), 413, "body_too_large", null);
        byte[] latin1 = "{\"texts\": [\"caf\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1);
        assertError(post("/v1/models/sentiment:predict", "application/json", latin1), 400, "invalid_utf8", null);
        assertError(post("/v1/models/sentiment:predict", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)), 415,
                "unsupported_media_type", "Content-Type");
        assertError(post("/v1/models/nothing:predict", "application/json",
                "{\"texts\": [\"a\"]}".getBytes(StandardCharsets.UTF_8)), 404, "unknown_model", null);
        assertError(get("/v2/elsewhere"), 404, "not_found", null);
    }

    @Test
    void aBearerTokenGuardsTheModelRoutes() throws Exception {
        server.close();
        server = FenleiServer.start(List.of(sentiment), ServerOptions.defaults().withPort(0).withToken("s3cret"));
        assertError(predict("{\"texts\": [\"great\"]}"), 401, "unauthorized", null);
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1/models/sentiment:predict"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer s3cret")
                .POST(HttpRequest.BodyPublishers.ofString("{\"texts\": [\"great\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(200, get("/v1/health/ready").statusCode(), "health needs no token");
    }

    @Test
    void aChangedFileSwapsInWhileRequestsKeepSucceeding() throws Exception {
        Path other = model(shared, "other.fenlei", "good", "bad");
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            results.add(clients.submit(() -> {
                List<String> labels = new ArrayList<>();
                while (running.get()) {
                    HttpResponse<String> r = predict("{\"texts\": [\"a wonderful film\"]}");
                    assertEquals(200, r.statusCode(), r.body());
                    labels.add(json(r).get("predictions").get(0).get("label").asText());
                }
                return labels;
            }));
        }
        Thread.sleep(200);
        Path tmp = dir.resolve("incoming.tmp");
        Files.copy(other, tmp);
        Files.move(tmp, sentiment, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (json(get("/v1/models/sentiment")).get("version").asInt() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        running.set(false);
        List<String> seen = new ArrayList<>();
        for (Future<List<String>> f : results) {
            seen.addAll(f.get());
        }
        clients.shutdown();
        assertTrue(seen.contains("pos"), "answers from the first model");
        assertEquals("good", seen.get(seen.size() - 1), "answers from the new model");
        assertEquals("[\"bad\",\"good\"]", json(get("/v1/models/sentiment")).get("labels").toString());
    }

    @Test
    void aCorruptFileLeavesTheOldModelServingAndSaysWhy() throws Exception {
        byte[] bytes = Files.readAllBytes(sentiment);
        bytes[bytes.length / 2] ^= 0x55;
        Path tmp = dir.resolve("corrupt.tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, sentiment, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode card = json(get("/v1/models/sentiment"));
        while (card.get("lastReloadFailure").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            card = json(get("/v1/models/sentiment"));
        }
        assertTrue(card.get("lastReloadFailure").get("error").asText().contains("checksum mismatch"), card.toString());
        assertEquals(1, card.get("version").asInt());
        assertEquals(200, predict("{\"texts\": [\"great\"]}").statusCode());
        assertTrue(get("/metrics").body().contains("fenlei_model_load_failures_total{model=\"sentiment\"} 1.0"));
    }

    @Test
    void manyConcurrentClientsGetTheSingleThreadedAnswers() throws Exception {
        // texts of many lengths and labels, each answered alone first: a race in a shared scratch buffer would
        // show as an answer that differs from it
        List<String> texts = new ArrayList<>();
        String[] words = {"great", "awful", "wonderful", "boring", "film", "the", "superb", "hated"};
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(1, 30); j > 0; j--) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            texts.add(text.toString().trim());
        }
        TextClassifier alone = TextClassifier.load(sentiment);
        List<String> expected = new ArrayList<>();
        for (String text : texts) {
            Prediction p = alone.predict(text);
            expected.add(p.label() + " " + p.probability());
        }
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            String text = texts.get(i % texts.size());
            answers.add(clients.submit(() -> {
                HttpResponse<String> r = predict("{\"texts\": [\"" + text + "\"]}");
                assertEquals(200, r.statusCode(), r.body());
                JsonNode p = json(r).get("predictions").get(0);
                return p.get("label").asText() + " " + p.get("probability").asDouble();
            }));
        }
        for (int i = 0; i < answers.size(); i++) {
            assertEquals(expected.get(i % texts.size()), answers.get(i).get(), texts.get(i % texts.size()));
        }
        clients.shutdown();
    }

    /** A model kind that the core's tests add through the registry alone is served like any other. */
    @Test
    void servesAModelKindAddedThroughTheRegistry() throws Exception {
        Path data = dir.resolve("toy.csv");
        Files.writeString(data, "label,text\n" + "pos,the film was great\nneg,the film was awful\n".repeat(100));
        Path toy = dir.resolve("toy.fenlei");
        TextClassifier.builder().network(new NetworkConfig("toy", 1, 0, 0f, 0f))
                .training(TrainingConfig.defaults().withEpochs(10).withOptimizer("adam", 0.05f).withThreads(1))
                .train(data).save(toy);
        server.close();
        server = FenleiServer.start(List.of(toy), ServerOptions.defaults().withPort(0));
        HttpResponse<String> r = post("/v1/models/toy:predict", "application/json",
                "{\"texts\": [\"great\", \"awful\"]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("pos", json(r).get("predictions").get(0).get("label").asText());
        assertEquals("neg", json(r).get("predictions").get(1).get("label").asText());
        assertTrue(json(get("/v1/models/toy")).get("kind").asText().contains("toy:"));
    }

    @Test
    void stoppingLetsARequestInFlightFinish() throws Exception {
        server.close();
        server = FenleiServer.start(List.of(sentiment), ServerOptions.defaults().withPort(0)
                .withLimits(64 << 20, 1000, 100_000));
        StringBuilder body = new StringBuilder("{\"texts\": [");
        String text = "a wonderful superb film with a great cast ".repeat(2000);
        for (int i = 0; i < 300; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(text).append('"');
        }
        body.append("]}");
        java.util.concurrent.CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest
                        .newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/models/sentiment:predict"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        // 26 MB of text: the server is still reading or predicting when it is told to stop
        Thread.sleep(300);
        server.close();
        HttpResponse<String> r = inFlight.get();
        assertEquals(200, r.statusCode(), r.body().substring(0, Math.min(200, r.body().length())));
        assertEquals(300, json(r).get("predictions").size());
    }

    @Test
    void aModelThatDoesNotLoadStopsTheStart() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.fenlei"), "not a model");
        IOException e = assertThrows(IOException.class,
                () -> FenleiServer.start(List.of(bad), ServerOptions.defaults().withPort(0)));
        assertTrue(e.getMessage().contains("bad.fenlei: not a Fenlei model file"),
                e.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> FenleiServer.start(List.of(sentiment, sentiment), ServerOptions.defaults().withPort(0)));
        assertTrue(twice.getMessage().contains("two models are named 'sentiment'"), twice.getMessage());
    }
}
