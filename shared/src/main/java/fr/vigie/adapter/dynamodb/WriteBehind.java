package fr.vigie.adapter.dynamodb;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The writes of a sole writer run in order on one background thread, off the caller's (the replay's
 * evaluation) thread, at most {@link #CAPACITY} of them waiting: a caller that gets that far ahead
 * waits for room. Nothing is lost silently: the first write that fails stops the writes queued after
 * it (they would build on it) and is thrown to the caller by its next {@link #submit} or
 * {@link #sync}. The thread ends when idle (a daemon, it never holds the JVM).
 */
final class WriteBehind {

    /** Writes waiting at most (each a BatchWriteItem of up to 25 polls, or one alert-table write): about 6,400 polls,
     * 10 MB at national width, the memory it may hold; a season of a region stays ahead of its writer. */
    static final int CAPACITY = 256;

    private final Semaphore room = new Semaphore(CAPACITY);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final ThreadPoolExecutor thread;

    WriteBehind(String name) {
        thread = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.allowCoreThreadTimeOut(true);
    }

    /**
     * Queues {@code write} after the writes already queued.
     *
     * @throws RuntimeException the failure of an earlier write, if one failed (then nothing more is written)
     */
    void submit(Runnable write) {
        rethrow();
        room.acquireUninterruptibly();
        try {
            thread.execute(() -> {
                try {
                    if (failure.get() == null) {
                        write.run();
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    room.release();
                }
            });
        } catch (RuntimeException rejected) {
            room.release();
            throw rejected;
        }
    }

    /**
     * Waits until every write queued so far is done.
     *
     * @throws RuntimeException the first write failure, as the write threw it
     */
    void sync() {
        try {
            thread.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the writes behind", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        rethrow();
    }

    private void rethrow() {
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed; // the write's own exception, as a write on the caller's thread would have thrown it
        }
    }
}
