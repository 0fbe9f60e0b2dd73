package org.fenlei.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's Prometheus metrics (Micrometer): requests by route, model and status with a latency histogram,
 * texts per prediction request, and model loads with their time and failures.
 */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchSizes;
    /** One timer per route, model and status, found without building a meter id on every request. */
    private final Map<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();

    private record RequestKey(String route, String model, int status) {
    }

    ServerMetrics() {
        batchSizes = DistributionSummary.builder("fenlei.prediction.batch.size")
                .description("Texts per prediction request")
                .baseUnit("texts")
                .publishPercentileHistogram()
                .maximumExpectedValue(10_000.0)
                .register(registry);
    }

    void request(String route, String model, int status, long nanos) {
        requestTimers.computeIfAbsent(new RequestKey(route, model == null ? "" : model, status),
                key -> Timer.builder("fenlei.http.requests")
                        .description("HTTP requests by route, model and status")
                        .tag("route", key.route())
                        .tag("model", key.model())
                        .tag("status", Integer.toString(key.status()))
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void batch(int texts) {
        batchSizes.record(texts);
    }

    void modelLoaded(String model, double seconds) {
        Timer.builder("fenlei.model.load")
                .description("Model loads that succeeded, and their time")
                .tag("model", model)
                .register(registry)
                .record(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    void modelLoadFailed(String model) {
        Counter.builder("fenlei.model.load.failures")
                .description("Model loads that failed (the previous version kept serving)")
                .tag("model", model)
                .register(registry)
                .increment();
    }

    /** Everything, in Prometheus' text exposition format. */
    String scrape() {
        return registry.scrape();
    }
}
