package org.fenlei.data;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Streams a file's rows through a function on several threads and hands the results on in file order. Parsing
 * stays on the calling thread; the expensive per-row work (cleaning, tokenising) runs in chunks on the pool,
 * with a bounded number of chunks in flight so memory stays flat however large the file.
 */
public final class ParallelRows {
    private static final int CHUNK = 512;

    private ParallelRows() {
    }

    public static <T> ReadSummary forEach(Path path, ReadOptions options, int threads,
                                          Function<LabeledText, T> work, Consumer<T> sink) {
        if (threads <= 1) {
            return DatasetReader.forEach(path, options, row -> sink.accept(work.apply(row)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fenlei-reader");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<List<T>>> inFlight = new ArrayDeque<>();
        var chunk = new Object() {
            List<LabeledText> rows = new ArrayList<>(CHUNK);
        };
        try {
            ReadSummary summary = DatasetReader.forEach(path, options, row -> {
                chunk.rows.add(row);
                if (chunk.rows.size() == CHUNK) {
                    inFlight.add(submit(pool, chunk.rows, work));
                    chunk.rows = new ArrayList<>(CHUNK);
                    while (inFlight.size() > 2 * threads) {
                        drain(inFlight.poll(), sink);
                    }
                }
            });
            inFlight.add(submit(pool, chunk.rows, work));
            while (!inFlight.isEmpty()) {
                drain(inFlight.poll(), sink);
            }
            return summary;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Future<List<T>> submit(ExecutorService pool, List<LabeledText> rows,
                                              Function<LabeledText, T> work) {
        return pool.submit(() -> {
            List<T> out = new ArrayList<>(rows.size());
            for (LabeledText row : rows) {
                out.add(work.apply(row));
            }
            return out;
        });
    }

    private static <T> void drain(Future<List<T>> future, Consumer<T> sink) {
        List<T> results;
        try {
            results = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        results.forEach(sink);
    }
}
