package org.amqpra.client;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.amqpra.AmqpException;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.ReplyInfo;

/**
 * Runs consumer callbacks off the reader thread. Without an executor (amqpy's model) events wait
 * in one queue until the application calls {@link #drain}; with one (the container's
 * WorkManager, say) each channel gets a serial lane so that its deliveries keep their order.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    private final Executor executor;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    Dispatcher(Executor executor) {
        this.executor = executor;
    }

    /** A per-channel ordering lane. */
    Lane lane() {
        return new Lane();
    }

    /** Queues or submits one event. */
    void dispatch(Lane lane, Runnable event) {
        if (executor == null) {
            queue.add(event);
        } else {
            lane.submit(event);
        }
    }

    /** Lets a waiting {@link #drain} return: the connection closed. */
    void wake(AmqpException cause) {
        queue.add(() -> {
            throw cause;
        });
    }

    /**
     * Runs the first event to arrive within {@code timeout} (null: no limit), then every event
     * already queued.
     */
    void drain(Duration timeout, Supplier<AmqpException> closedCause) {
        AmqpException closed = closedCause.get();
        if (closed != null && queue.isEmpty()) {
            throw closed; // nothing will ever arrive: never block, even without a timeout
        }
        // No spinning before parking: measured, it costs more CPU than it saves on two cores
        // shared with the broker.
        Runnable r = queue.poll();
        try {
            if (r == null) {
                r = timeout == null ? queue.take() : queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted while draining events"));
        }
        if (r == null) {
            if (closed != null) {
                throw closed;
            }
            throw new AmqpTimeoutException(ReplyInfo.local(0, "no event within " + timeout.toMillis() + " ms"));
        }
        r.run();
        while ((r = queue.poll()) != null) {
            r.run();
        }
    }

    /** Runs one channel's events in order on the executor, one at a time. */
    final class Lane {
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean();

        void submit(Runnable r) {
            tasks.add(r);
            schedule();
        }

        private void schedule() {
            if (running.compareAndSet(false, true)) {
                executor.execute(this::runAll);
            }
        }

        private void runAll() {
            try {
                Runnable r;
                while ((r = tasks.poll()) != null) {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "consumer callback failed", e);
                    }
                }
            } finally {
                running.set(false);
                if (!tasks.isEmpty()) {
                    schedule();
                }
            }
        }
    }
}
