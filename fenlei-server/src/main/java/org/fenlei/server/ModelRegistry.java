package org.fenlei.server;

import org.fenlei.Classifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The served models by name (the file name without its extension), each swapped atomically when its file
 * changes: the new version loads in the background, requests in flight finish on the old one, and a file that
 * does not load leaves the old version serving with the failure recorded, logged and counted.
 */
final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    /** One name's current version and the last reload failure since it loaded. */
    static final class Entry {
        final String name;
        final Path file;
        final AtomicReference<ServedModel> current = new AtomicReference<>();
        volatile String lastError;
        volatile Instant lastErrorAt;
        /** The stamp of the file the last attempt read, good or bad: a bad file is not retried until it changes. */
        volatile FileStamp attempted;

        Entry(String name, Path file) {
            this.name = name;
            this.file = file;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final ServerMetrics metrics;
    private final ModelOpener opener;
    private final ScheduledExecutorService watcher;
    private volatile boolean ready;

    ModelRegistry(List<Path> files, ServerMetrics metrics, ModelOpener opener) {
        this.metrics = metrics;
        this.opener = opener;
        for (Path file : files) {
            String name = nameOf(file);
            if (entries.containsKey(name)) {
                throw new IllegalArgumentException("two models are named '" + name + "': " + entries.get(name).file
                        + " and " + file + "; rename one file");
            }
            entries.put(name, new Entry(name, file));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no model files to serve");
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fenlei-model-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** The served name of a model file: its name without the .fenlei, .bin or .ftz extension. */
    static String nameOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Loads every model; the server is ready once all have loaded. A model that does not load is an error. */
    void loadAll() throws IOException {
        for (Entry e : entries.values()) {
            FileStamp stamp = stamp(e);
            if (stamp == null || !load(e, stamp)) {
                throw new IOException("cannot serve model '" + e.name + "': " + e.lastError);
            }
        }
        ready = true;
    }

    /** Checks every file each {@code interval} and reloads the changed ones. */
    void watch(Duration interval) {
        if (interval.isZero()) {
            return;
        }
        long ms = Math.max(1, interval.toMillis());
        watcher.scheduleWithFixedDelay(this::checkAll, ms, ms, TimeUnit.MILLISECONDS);
    }

    void checkAll() {
        for (Entry e : entries.values()) {
            FileStamp stamp = stamp(e);
            if (stamp != null && !stamp.equals(e.attempted)) {
                load(e, stamp);
            }
        }
    }

    /** The file's current stamp, or null (the failure recorded) when it cannot be read. */
    private FileStamp stamp(Entry e) {
        try {
            return FileStamp.of(e.file);
        } catch (IOException | RuntimeException ex) {
            fail(e, null, "cannot read " + e.file + ": " + ex.getMessage());
            return null;
        }
    }

    /** Loads the file that has {@code stamp} and swaps it in; on failure keeps the old version and records why. */
    private boolean load(Entry e, FileStamp stamp) {
        long start = System.nanoTime();
        try {
            Classifier classifier = opener.open(e.file);
            double seconds = (System.nanoTime() - start) / 1e9;
            ServedModel previous = e.current.get();
            int version = previous == null ? 1 : previous.version() + 1;
            e.current.set(new ServedModel(classifier, version, Instant.now(), seconds));
            e.attempted = stamp;
            e.lastError = null;
            e.lastErrorAt = null;
            metrics.modelLoaded(e.name, seconds);
            LOG.info(String.format(Locale.ROOT, "model '%s' version %d loaded from %s in %.2fs", e.name, version,
                    e.file, seconds));
            return true;
        } catch (IOException | RuntimeException | OutOfMemoryError ex) {
            fail(e, stamp, ex.getMessage() == null ? ex.toString() : ex.getMessage());
            return false;
        }
    }

    private void fail(Entry e, FileStamp stamp, String message) {
        e.attempted = stamp;
        e.lastError = message;
        e.lastErrorAt = Instant.now();
        metrics.modelLoadFailed(e.name);
        ServedModel current = e.current.get();
        LOG.warn("model '" + e.name + "' did not load: " + message
                + (current != null ? "; version " + current.version() + " keeps serving" : ""));
    }

    boolean ready() {
        return ready;
    }

    /** The current version of {@code name}, or null when no such model is served. */
    ServedModel get(String name) {
        Entry e = entries.get(name);
        return e == null ? null : e.current.get();
    }

    Entry entry(String name) {
        return entries.get(name);
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
