package org.fenlei.cli;

import org.fenlei.server.FenleiServer;
import org.fenlei.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code fenlei serve}: the prediction service, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve models over HTTP: POST /v1/models/NAME:predict, GET /v1/models, /v1/health/live, "
                + "/v1/health/ready, /metrics (Prometheus), /openapi.json, and a web page at /. A model's NAME is "
                + "its file name without the extension; a model file that changes is reloaded.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "Model files: Fenlei's or fastText .bin/.ftz.")
    List<Path> models;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (0.0.0.0: all). "
            + "Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--max-body-bytes", defaultValue = "1048576", description = "Larger request bodies answer 413. "
            + "Default: ${DEFAULT-VALUE}.")
    long maxBodyBytes;

    @Option(names = "--max-texts", defaultValue = "1000", description = "Texts per request. Default: "
            + "${DEFAULT-VALUE}.")
    int maxTexts;

    @Option(names = "--max-text-chars", defaultValue = "100000", description = "Characters per text. Default: "
            + "${DEFAULT-VALUE}.")
    int maxTextChars;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Require 'Authorization: Bearer <token>' on "
            + "the model routes, the token read from this file (or from FENLEI_TOKEN; never from the command line, "
            + "where other users could see it).")
    Path tokenFile;

    @Option(names = "--reload-interval", defaultValue = "2", paramLabel = "SECONDS", description = "How often model "
            + "files are checked for changes; 0 = never. Default: ${DEFAULT-VALUE}.")
    double reloadSeconds;

    @Mixin
    RuntimeMixin runtime;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String token = tokenFile != null ? Files.readString(tokenFile).trim() : System.getenv("FENLEI_TOKEN");
        ServerOptions options = new ServerOptions(host, port, maxBodyBytes, maxTexts, maxTextChars,
                token == null || token.isBlank() ? null : token, Duration.ofMillis(Math.round(reloadSeconds * 1000)));
        runtime.check(spec);
        FenleiServer server = FenleiServer.start(models, options, runtime::open);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C: stop accepting, let requests in flight finish, then exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fenlei-shutdown"));
        out.printf("serving %d model(s) on http://%s:%d/%n", models.size(), host, server.port());
        out.flush();
        stopped.await();
        return 0;
    }
}
