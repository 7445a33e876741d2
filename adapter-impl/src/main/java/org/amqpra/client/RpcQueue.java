package org.amqpra.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.ReplyInfo;
import org.amqpra.wire.Command;
import org.amqpra.wire.MethodSpec;

/**
 * Correlates synchronous requests with replies on one channel. The broker answers requests in
 * the order it received them, so pending requests form a FIFO. A request is registered here
 * before it is sent; a caller that times out marks its entry abandoned instead of removing it,
 * so the late reply is matched to that entry and discarded, never handed to the next caller.
 */
final class RpcQueue {
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    /** One request awaiting its reply. */
    static final class Pending {
        final MethodSpec[] expected;
        final Consumer<Command> onReaderThread;
        final CompletableFuture<Command> future = new CompletableFuture<>();
        volatile boolean abandoned;

        Pending(MethodSpec[] expected, Consumer<Command> onReaderThread) {
            this.expected = expected;
            this.onReaderThread = onReaderThread;
        }

        boolean accepts(Command c) {
            for (MethodSpec s : expected) {
                if (c.method().spec() == s) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Registers a request. {@code onReaderThread}, if not null, runs on the reader thread when the
     * reply arrives, before any later frame is processed (a consumer is registered there so that
     * deliveries following consume-ok find it).
     */
    Pending register(Consumer<Command> onReaderThread, MethodSpec... expected) {
        Pending p = new Pending(expected, onReaderThread);
        queue.add(p);
        return p;
    }

    /** Forgets a request that could not be sent. */
    void unregister(Pending p) {
        queue.remove(p);
    }

    /**
     * Offers a received command. Returns true when it was the reply to the oldest request (then
     * it completed that request, or was discarded because the request was abandoned).
     */
    boolean complete(Command c) {
        Pending head = queue.peek();
        if (head == null || !head.accepts(c)) {
            return false;
        }
        queue.poll();
        if (head.onReaderThread != null) {
            head.onReaderThread.accept(c);
        }
        head.future.complete(c);
        return true;
    }

    /**
     * Fails every pending request with {@code error}. The queue is emptied before any caller is
     * woken: a woken caller may register its next request at once, and that one must not be
     * failed with an error that belongs to the previous one.
     */
    void failAll(RuntimeException error) {
        List<Pending> failed = new ArrayList<>();
        Pending p;
        while ((p = queue.poll()) != null) {
            failed.add(p);
        }
        for (Pending f : failed) {
            f.future.completeExceptionally(error);
        }
    }

    /**
     * Waits for the reply.
     *
     * @throws AmqpTimeoutException after {@code timeout}; the request is then abandoned
     */
    static Command await(Pending p, Duration timeout, String what, int channel) {
        try {
            return p.future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            p.abandoned = true;
            throw new AmqpTimeoutException(new ReplyInfo(
                    0, "no reply to " + what + " within " + timeout.toMillis() + " ms", 0, 0, what, channel));
        } catch (InterruptedException e) {
            p.abandoned = true;
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(
                    new ReplyInfo(0, "interrupted waiting for the reply to " + what, 0, 0, what, channel));
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }
}
