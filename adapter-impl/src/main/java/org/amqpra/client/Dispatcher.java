package org.amqpra.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
    /** Events for {@link #drain} (no executor); guarded by {@code lock}. */
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    /** Threads parked in {@link #drain}; guarded by {@code lock}. */
    private int waiting;
    /** Events were queued for a parked drainer, which has not been woken yet. */
    private volatile boolean wakeOwed;

    /** Where the callbacks of one drained batch defer their acks; may be null. */
    private final FrameOutput output;

    Dispatcher(Executor executor) {
        this(executor, null);
    }

    Dispatcher(Executor executor, FrameOutput output) {
        this.executor = executor;
        this.output = output;
    }

    /** A per-channel ordering lane. */
    Lane lane() {
        return new Lane();
    }

    /**
     * Queues or submits one event. Called by the reader thread: without an executor the waiting
     * drainer is woken at {@link #wakeDrainers}, which the reader calls once every frame already
     * received has been handled, so that a burst of deliveries costs one wake-up, not one each.
     */
    void dispatch(Lane lane, Runnable event) {
        if (executor != null) {
            lane.submit(event);
            return;
        }
        lock.lock();
        try {
            queue.add(event);
            if (waiting > 0) {
                wakeOwed = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the drainers that events were queued for (reader thread, before it reads on). */
    void wakeDrainers() {
        if (!wakeOwed) {
            return;
        }
        lock.lock();
        try {
            wakeOwed = false;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lets a waiting {@link #drain} return: the connection closed. Any thread. */
    void wake(AmqpException cause) {
        lock.lock();
        try {
            queue.add(() -> {
                throw cause;
            });
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs the first event to arrive within {@code timeout} (null: no limit), then every event
     * already queued.
     */
    void drain(Duration timeout, Supplier<AmqpException> closedCause) {
        AmqpException closed = closedCause.get();
        Runnable r;
        lock.lock();
        try {
            if (closed != null && queue.isEmpty()) {
                throw closed; // nothing will ever arrive: never block, even without a timeout
            }
            // No spinning before parking: it costs more CPU than it saves on two cores shared
            // with the broker (bench/DESIGN-MEASUREMENTS.md).
            r = queue.poll();
            long left = timeout == null ? Long.MAX_VALUE : timeout.toNanos();
            while (r == null && left > 0) {
                waiting++;
                try {
                    if (timeout == null) {
                        ready.await();
                    } else {
                        left = ready.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted while draining events"));
                } finally {
                    waiting--;
                }
                r = queue.poll();
            }
        } finally {
            lock.unlock();
        }
        if (r == null) {
            if (closed != null) {
                throw closed;
            }
            throw new AmqpTimeoutException(ReplyInfo.local(0, "no event within " + timeout.toMillis() + " ms"));
        }
        try {
            while (r != null) {
                // While more events wait behind this one, its acks stay pending:
                // the batch's last callback writes them all in one go.
                deferWrites(hasQueued());
                r.run(); // may throw: what is still queued stays for the next drain
                r = poll();
            }
        } finally {
            deferWrites(false);
        }
    }

    private void deferWrites(boolean defer) {
        if (output == null) {
            return;
        }
        try {
            output.deferWrites(defer);
        } catch (IOException e) {
            // the write failed: the connection's reader or writer reports the lost connection
            LOG.log(System.Logger.Level.DEBUG, "deferred writes failed", e);
        }
    }

    private boolean hasQueued() {
        lock.lock();
        try {
            return !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private Runnable poll() {
        lock.lock();
        try {
            return queue.poll();
        } finally {
            lock.unlock();
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
