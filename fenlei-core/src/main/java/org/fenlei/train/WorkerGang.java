package org.fenlei.train;

import java.util.concurrent.Phaser;
import java.util.function.IntConsumer;

/**
 * A fixed gang of threads that runs one task on every member and waits for all of them: the caller is member 0.
 * Training calls it twice per batch, so it reuses its threads and hands over work through a {@link Phaser}
 * (which spins briefly before parking) instead of submitting tasks to an executor.
 */
public final class WorkerGang implements AutoCloseable {
    private final int size;
    private final Phaser phaser;
    private volatile IntConsumer task;
    private volatile boolean closed;
    private volatile Throwable failure;

    public WorkerGang(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
        this.size = size;
        this.phaser = new Phaser(size);
        for (int id = 1; id < size; id++) {
            int member = id;
            Thread t = new Thread(() -> loop(member), "fenlei-worker-" + id);
            t.setDaemon(true);
            t.start();
        }
    }

    public int size() {
        return size;
    }

    private void loop(int member) {
        while (true) {
            phaser.arriveAndAwaitAdvance();
            if (closed) {
                phaser.arriveAndDeregister();
                return;
            }
            try {
                task.accept(member);
            } catch (Throwable e) {
                failure = e;
            }
            phaser.arriveAndAwaitAdvance();
        }
    }

    /** Runs {@code work.accept(member)} for every member 0..size-1 in parallel and returns when all are done. */
    public void run(IntConsumer work) {
        if (closed) {
            throw new IllegalStateException("gang is closed");
        }
        if (size == 1) {
            work.accept(0);
            return;
        }
        task = work;
        failure = null;
        phaser.arriveAndAwaitAdvance();
        Throwable own = null;
        try {
            work.accept(0);
        } catch (Throwable e) {
            own = e;
        }
        phaser.arriveAndAwaitAdvance();
        Throwable error = own != null ? own : failure;
        if (error instanceof RuntimeException re) {
            throw re;
        }
        if (error instanceof Error err) {
            throw err;
        }
    }

    /** The start of member {@code member}'s share of {@code n} items: members take contiguous, balanced ranges. */
    public int from(int member, int n) {
        return (int) ((long) n * member / size);
    }

    public int to(int member, int n) {
        return from(member + 1, n);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (size > 1) {
            phaser.arriveAndDeregister();
        }
    }
}
