package org.fenlei.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.HttpException;
import org.fenlei.Classifier;
import org.fenlei.Explanation;
import org.fenlei.LabelSelection;
import org.fenlei.Prediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fenlei's prediction service: JSON prediction, model listing, health, Prometheus metrics, an OpenAPI document and
 * a web page, on Javalin (Jetty 12). Models reload when their files change.
 *
 * <pre>{@code
 * try (FenleiServer server = FenleiServer.start(List.of(Path.of("imdb.fenlei")), ServerOptions.defaults())) {
 *     // POST http://127.0.0.1:8080/v1/models/imdb:predict {"texts": ["a fine film"]}
 * }
 * }</pre>
 */
public final class FenleiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FenleiServer.class);
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final String PREDICT = ":predict";
    private static final String STARTED = "fenlei.started";
    private static final String ROUTE = "fenlei.route";
    private static final String MODEL = "fenlei.model";
    private static final TypeReference<Map<String, Object>> CARD = new TypeReference<>() {
    };

    private final ServerOptions options;
    private final ModelRegistry models;
    private final ServerMetrics metrics;
    private final PredictRequests requests;
    private final Javalin app;

    private FenleiServer(List<Path> files, ServerOptions options, ModelOpener opener) throws IOException {
        this.options = options;
        this.metrics = new ServerMetrics();
        this.models = new ModelRegistry(files, metrics, opener);
        this.requests = new PredictRequests(options);
        models.loadAll();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.jetty.modifyServer(server -> {
                // in-flight requests get this long to finish when the server stops
                server.setStopTimeout(10_000);
                server.setErrorHandler(new JsonErrors.Core());
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrors.Servlet()));
            config.routes.before(this::start);
            config.routes.after(this::finish);
            readOnly(config, "/", ctx -> resource(ctx, "index.html", "text/html; charset=utf-8"));
            readOnly(config, "/openapi.json", ctx -> resource(ctx, "openapi.json", "application/json"));
            readOnly(config, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            readOnly(config, "/v1/health/live", ctx -> json(ctx, 200, Map.of("status", "live")));
            readOnly(config, "/v1/health/ready", ctx -> json(ctx, models.ready() ? 200 : 503,
                    Map.of("status", models.ready() ? "ready" : "loading")));
            readOnly(config, "/v1/models", this::listModels);
            // one path, two resources: a model (GET, HEAD) and its prediction (POST {name}:predict)
            for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT,
                    HandlerType.PATCH, HandlerType.DELETE, HandlerType.OPTIONS)) {
                config.routes.addHttpHandler(method, "/v1/models/{target}", ctx -> {
                    boolean predict = ctx.pathParam("target").endsWith(PREDICT);
                    if (predict && method == HandlerType.POST) {
                        predict(ctx);
                    } else if (!predict && (method == HandlerType.GET || method == HandlerType.HEAD)) {
                        describeModel(ctx);
                    } else {
                        throw notAllowed(ctx, predict ? "POST" : "GET, HEAD");
                    }
                });
            }
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status, e.code, e.getMessage(),
                    e.field));
            // Javalin's own refusals: unknown routes, bodies over the limit
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    JsonErrors.code(e.getStatus()), e.getStatus() == 413 ? "the request body exceeds "
                            + options.maxBodyBytes() + " bytes" : e.getMessage(), null));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request " + ctx.method() + " " + ctx.path() + " failed", e);
                error(ctx, 500, "internal", "the server could not answer this request; see its log", null);
            });
        });
        app.start(options.host(), options.port());
        models.watch(options.reloadInterval());
    }

    /** A resource that is only read: GET and HEAD answer; the other methods are told which do. */
    private static void readOnly(JavalinConfig config, String path, Handler handler) {
        config.routes.get(path, handler);
        config.routes.head(path, handler);
        for (HandlerType method : List.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE,
                HandlerType.OPTIONS)) {
            config.routes.addHttpHandler(method, path, ctx -> {
                throw notAllowed(ctx, "GET, HEAD");
            });
        }
    }

    private static ApiException notAllowed(Context ctx, String allow) {
        ctx.header("Allow", allow);
        return new ApiException(405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()
                + "; use " + allow, null);
    }

    /** Loads every model (an error if one does not load), then listens. */
    public static FenleiServer start(List<Path> models, ServerOptions options) throws IOException {
        return start(models, options, Classifier::load);
    }

    /** {@link #start(List, ServerOptions)} with the model files read (and reloaded) by {@code opener}. */
    public static FenleiServer start(List<Path> models, ServerOptions options, ModelOpener opener)
            throws IOException {
        return new FenleiServer(models, options, opener);
    }

    public int port() {
        return app.port();
    }

    /** Stops accepting requests, lets the ones in flight finish, and stops watching model files. */
    @Override
    public void close() {
        models.close();
        app.stop();
    }

    private void start(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        String path = ctx.path();
        if (options.token() != null && path.startsWith("/v1/models") && !authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "send the server's token as 'Authorization: Bearer <token>'",
                    null);
        }
    }

    /** Compares in constant time, so the answer's timing does not leak the token. */
    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, options.token().getBytes(StandardCharsets.UTF_8));
    }

    private void finish(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started != null) {
            String route = ctx.attribute(ROUTE);
            metrics.request(route != null ? route : "other", ctx.attribute(MODEL), ctx.statusCode(),
                    System.nanoTime() - started);
        }
    }

    private void listModels(Context ctx) {
        ctx.attribute(ROUTE, "models");
        List<Map<String, Object>> list = new ArrayList<>();
        for (ModelRegistry.Entry e : models.entries()) {
            list.add(card(e));
        }
        json(ctx, 200, Map.of("models", list));
    }

    private void describeModel(Context ctx) {
        ctx.attribute(ROUTE, "model");
        ModelRegistry.Entry e = entry(ctx.pathParam("target"));
        ctx.attribute(MODEL, e.name);
        json(ctx, 200, card(e));
    }

    private ModelRegistry.Entry entry(String name) {
        ModelRegistry.Entry e = models.entry(name);
        if (e == null || e.current.get() == null) {
            throw new ApiException(404, "unknown_model", "no model named '" + name + "'; served: " + models.names(),
                    null);
        }
        return e;
    }

    /** What a client needs to know of a model: version, labels, where it came from, how it scored. */
    private static Map<String, Object> card(ModelRegistry.Entry e) {
        ServedModel m = e.current.get();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("name", e.name);
        card.put("version", m.version());
        card.put("file", e.file.toString());
        card.put("loadedAt", m.loadedAt().toString());
        card.put("loadSeconds", m.loadSeconds());
        // the model's own card (kind, labels, thresholds for the page to mark the answer, config, provenance)
        card.putAll(JSON.convertValue(m.classifier().card(), CARD));
        card.put("explainable", m.classifier().explainable());
        Map<String, Object> reload = new LinkedHashMap<>();
        reload.put("error", e.lastError);
        reload.put("at", e.lastErrorAt == null ? null : e.lastErrorAt.toString());
        card.put("lastReloadFailure", e.lastError == null ? null : reload);
        return card;
    }

    private void predict(Context ctx) {
        ctx.attribute(ROUTE, "predict");
        String target = ctx.pathParam("target");
        String name = target.substring(0, target.length() - PREDICT.length());
        ServedModel model = entry(name).current.get();
        ctx.attribute(MODEL, name);
        PredictRequests.Parsed request = requests.parse(ctx.contentType(), ctx.header("Content-Encoding"),
                body(ctx));
        metrics.batch(request.texts().size());
        Classifier classifier = model.classifier();
        LabelSelection selection = new LabelSelection(request.topK(), request.threshold());
        int labels = selection.labels(classifier);
        List<Prediction> predictions = request.texts().size() == 1
                ? List.of(classifier.predict(request.texts().get(0), labels))
                : classifier.predictAll(request.texts(), labels);
        List<Object> out = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = selection.apply(classifier, predictions.get(i));
            if (request.explain()) {
                ObjectNode node = JSON.valueToTree(p);
                node.set("explanation", JSON.valueToTree(explanation(classifier, request.texts().get(i), i)));
                out.add(node);
            } else {
                out.add(p);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", name);
        body.put("version", model.version());
        body.put("predictions", out);
        json(ctx, 200, body);
    }

    /** The explanation of text {@code i}, or a 400 naming the field where the model cannot explain. */
    private static Explanation explanation(Classifier classifier, String text, int i) {
        try {
            return classifier.explain(text);
        } catch (UnsupportedOperationException e) {
            throw ApiException.badRequest("not_explainable", e.getMessage(), "explain");
        } catch (IllegalStateException e) {
            throw new ApiException(409, "not_explainable", "texts[" + i + "]: " + e.getMessage(), "explain");
        }
    }

    /**
     * The request body. One that ends before its Content-Length or its last chunk, or whose chunking is malformed,
     * is the client's fault: a 400 and one line in the log, not a 500 with a stack trace.
     */
    private static byte[] body(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (Exception e) {
            // Javalin passes Jetty's IOException on undeclared
            Throwable cause = e;
            while (cause != null && !(cause instanceof IOException) && !(cause instanceof HttpException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            LOG.warn("request {} {} from {}: the body could not be read: {}", ctx.method(), ctx.path(), ctx.ip(), why);
            throw ApiException.badRequest("incomplete_body", "the request body could not be read in full (" + why
                    + "); send as many bytes as Content-Length says, or well-formed chunks", null);
        }
    }

    private static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(Context ctx, int status, String code, String message, String field) {
        ctx.status(status).contentType(JsonErrors.CONTENT_TYPE).result(JsonErrors.body(code, message, field));
    }

    private static void resource(Context ctx, String name, String contentType) throws IOException {
        ctx.attribute(ROUTE, "static");
        try (InputStream in = FenleiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from the server's jar");
            }
            ctx.contentType(contentType).result(in.readAllBytes());
        }
    }
}
