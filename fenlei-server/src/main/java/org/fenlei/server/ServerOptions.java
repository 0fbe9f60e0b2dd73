package org.fenlei.server;

import java.time.Duration;

/**
 * How the server listens and what it accepts.
 *
 * @param host           interface to bind; loopback unless asked (default 127.0.0.1)
 * @param port           0 picks a free port
 * @param maxBodyBytes   larger request bodies answer 413 (default 1 MiB)
 * @param maxTexts       texts per request (default 1,000)
 * @param maxTextChars   characters (Unicode code points, so an emoji is one) per text (default 100,000)
 * @param token          bearer token the model routes require; null = no authentication
 * @param reloadInterval how often model files are checked for changes; zero = never
 */
public record ServerOptions(String host, int port, long maxBodyBytes, int maxTexts, int maxTextChars, String token,
                            Duration reloadInterval) {
    public ServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be given");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        if (maxBodyBytes < 1 || maxTexts < 1 || maxTextChars < 1) {
            throw new IllegalArgumentException("limits must be positive: body " + maxBodyBytes + " bytes, "
                    + maxTexts + " texts, " + maxTextChars + " characters");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the bearer token must not be blank");
        }
        if (reloadInterval == null || reloadInterval.isNegative()) {
            throw new IllegalArgumentException("reloadInterval must be zero or positive");
        }
    }

    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 8080, 1 << 20, 1000, 100_000, null, Duration.ofSeconds(2));
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(host, p, maxBodyBytes, maxTexts, maxTextChars, token, reloadInterval);
    }

    public ServerOptions withLimits(long bodyBytes, int texts, int textChars) {
        return new ServerOptions(host, port, bodyBytes, texts, textChars, token, reloadInterval);
    }

    public ServerOptions withToken(String t) {
        return new ServerOptions(host, port, maxBodyBytes, maxTexts, maxTextChars, t, reloadInterval);
    }

    public ServerOptions withReloadInterval(Duration d) {
        return new ServerOptions(host, port, maxBodyBytes, maxTexts, maxTextChars, token, d);
    }

    public ServerOptions withHost(String h) {
        return new ServerOptions(h, port, maxBodyBytes, maxTexts, maxTextChars, token, reloadInterval);
    }
}
