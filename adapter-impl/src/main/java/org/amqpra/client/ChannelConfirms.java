package org.amqpra.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.amqpra.AmqpException;
import org.amqpra.ChannelMode;
import org.amqpra.ConnectionException;
import org.amqpra.Message;
import org.amqpra.PublishOutcomeUnknownException;
import org.amqpra.ReplyInfo;
import org.amqpra.wire.Methods;

/**
 * A channel's publisher confirms, seen from the application: confirmed publishes (one at a time
 * or pipelined) and the waits for their acks. The {@link ConfirmTracker} of the channel's
 * {@link ChannelCore} numbers the publishes and settles them from the reader thread; this class
 * only hands publishes to it and waits, each wait bounded.
 */
final class ChannelConfirms {
    private final ChannelCore core;

    ChannelConfirms(ChannelCore core) {
        this.core = core;
    }

    /** Publishes and returns once the broker confirmed it, at most the RPC timeout. */
    void publishAndWait(Message message, String exchange, String routingKey, boolean mandatory) {
        await(publishAsync(message, exchange, routingKey, mandatory));
    }

    /** Publishes; the future completes when the broker acks it, or fails with the reason. */
    CompletableFuture<Void> publishAsync(Message message, String exchange, String routingKey, boolean mandatory) {
        core.ensureUsable();
        ConfirmTracker tracker = tracker("basicPublishAsync");
        CompletableFuture<Void> f = new CompletableFuture<>();
        core.publishConfirmed(
                message, exchange, routingKey, mandatory, () -> tracker.next(f, exchange, routingKey, mandatory));
        return f;
    }

    /** Waits for every outstanding confirm; false if {@code timeout} passed first. */
    boolean waitForAll(Duration timeout) {
        return tracker("waitForConfirms").waitForAll(timeout);
    }

    /** Waits until fewer than {@code window} publishes are unconfirmed. */
    void awaitWindow(int window, Duration timeout) {
        if (window < 1) {
            throw new IllegalArgumentException("confirm window must be at least 1, was " + window);
        }
        tracker("awaitConfirmWindow").awaitBelow(window, timeout);
    }

    /** Publishes in confirm mode neither acked nor nacked yet (0 outside confirm mode). */
    int unconfirmedCount() {
        ConfirmTracker t = core.confirms();
        return t == null ? 0 : t.unsettled();
    }

    /** Sequence number of the next confirmed publish (0 outside confirm mode). */
    long nextPublishSeqNo() {
        ConfirmTracker t = core.confirms();
        return t == null ? 0 : t.nextSequenceNumber();
    }

    private ConfirmTracker tracker(String caller) {
        ConfirmTracker tracker = core.confirms();
        if (core.mode() != ChannelMode.CONFIRM || tracker == null) {
            throw new IllegalStateException(caller + " needs confirm mode: call confirmSelect() first");
        }
        return tracker;
    }

    /**
     * Waits for one publish's confirm, at most the RPC timeout. A nack, a return and a channel
     * error are answers and are thrown as they are; no answer at all (the connection ended, the
     * timeout passed) is {@link PublishOutcomeUnknownException}.
     */
    private void await(CompletableFuture<Void> f) {
        Duration timeout = core.rpcTimeout;
        try {
            f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw unknown("publish not confirmed within " + timeout.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unknown("interrupted waiting for a publisher confirm", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AmqpException) {
                core.markReported((AmqpException) cause);
            }
            if (cause instanceof ConnectionException) {
                throw unknown("the connection ended before the publish was confirmed", cause);
            }
            throw RpcQueue.rethrow(cause);
        }
    }

    private PublishOutcomeUnknownException unknown(String what, Throwable cause) {
        return new PublishOutcomeUnknownException(
                new ReplyInfo(
                        0,
                        what + ": the broker may or may not have it",
                        Methods.BASIC_PUBLISH.classId(),
                        Methods.BASIC_PUBLISH.methodId(),
                        Methods.BASIC_PUBLISH.name(),
                        core.id),
                cause);
    }
}
