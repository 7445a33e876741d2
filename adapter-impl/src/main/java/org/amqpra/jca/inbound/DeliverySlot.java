package org.amqpra.jca.inbound;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amqpra.AmqpException;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.MessageNackedException;
import org.amqpra.MessageReturnedException;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.jca.TransactedDelivery;

/**
 * One delivery slot: its own channel and consumer, delivering one message at a time to an
 * endpoint (the client runs each channel's deliveries in order on the WorkManager). A slot's
 * acks never touch another slot's messages, and a transacted slot's channel is in tx mode, so
 * its ack is part of the MDB's transaction.
 *
 * <p>Nothing is acked that was not processed: a message is acked only after {@code onMessage}
 * returned normally (non-transacted) or inside the transaction that committed (transacted).
 * Otherwise, after a pause, it is requeued (the broker sets redelivered) until the redelivery
 * limit, then dead-lettered; but never while every delivery fails ({@link FailureStreak}), and
 * never once the activation is stopping: then it is left unacked, and the broker requeues it
 * when the channel closes.
 */
final class DeliverySlot {
    private static final System.Logger LOG = System.getLogger(DeliverySlot.class.getName());
    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = AmqpMessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final InboundActivation activation;
    private final AmqpActivationSpec spec;
    private final MessageEndpointFactory factory;
    private final boolean transacted;
    private final Channel channel;
    private final ConnectionParameters broker;
    private final DeliveryXAResource xa;
    private final RedeliveryCounter counter;
    private final FailureStreak streak;
    private final DeliveryStatistics stats;
    /**
     * A transacted slot on a broker that re-sends unacked deliveries at {@code tx.rollback}
     * ({@link BrokerTraits}): after a rolled-back delivery it starts over on a fresh channel.
     */
    private final boolean startOverAfterRollback;
    /** Why the delivery in progress failed (deliveries of a slot run one at a time). */
    private String failure;

    private volatile boolean inFlight;
    /** Replaced by a new slot: deliveries still queued for this one are left for the broker to redeliver. */
    private volatile boolean retired;

    private volatile String consumerTag;

    DeliverySlot(
            InboundActivation activation,
            Connection conn,
            boolean transacted,
            RedeliveryCounter counter,
            FailureStreak streak) {
        this.activation = activation;
        this.spec = activation.spec();
        this.factory = activation.factory();
        this.transacted = transacted && !Boolean.TRUE.equals(spec.getAutoAck());
        this.counter = counter;
        this.streak = streak;
        this.stats = activation.statistics();
        this.channel = conn.channel();
        this.broker = conn.parameters();
        this.startOverAfterRollback = this.transacted && !BrokerTraits.keepsDeliveriesAcrossTxRollback(conn);
        channel.basicQos(0, spec.getPrefetch(), false);
        if (this.transacted) {
            channel.txSelect();
        } else if (deadLettersHere(spec)) {
            // without a transaction, a dead letter is acked away only once the broker confirmed it
            channel.confirmSelect();
        }
        this.xa = new DeliveryXAResource(channel);
    }

    /** Whether failed messages are published to an exchange by the slot (not rejected to the queue's DLX). */
    private static boolean deadLettersHere(AmqpActivationSpec spec) {
        String dlx = spec.getDeadLetterExchange();
        return dlx != null && !dlx.isEmpty() && !Boolean.TRUE.equals(spec.getAutoAck());
    }

    /** Starts the consumer. */
    void start() {
        consumerTag = channel.basicConsume(
                spec.getQueue(),
                spec.consumerTag(),
                false,
                Boolean.TRUE.equals(spec.getAutoAck()),
                Boolean.TRUE.equals(spec.getExclusive()),
                false,
                this::deliver,
                spec.consumerArguments(),
                this::consumerCancelled);
    }

    /** Stops new deliveries (basic.cancel); in-flight ones finish. */
    void cancel() {
        String tag = consumerTag;
        consumerTag = null;
        if (tag != null && channel.isOpen()) {
            try {
                channel.basicCancel(tag);
            } catch (AmqpException e) {
                LOG.log(System.Logger.Level.DEBUG, "cancel on {0}: {1}", spec.getQueue(), e.toString());
            }
        }
    }

    /**
     * The broker cancelled the consumer: by basic.cancel (the queue was deleted) or by closing the
     * channel (the consumer timeout). Runs on the slot's lane, after the delivery in progress.
     * The slot starts over; where its queue is gone, that fails and the activation starts over
     * (and declares the queue again).
     */
    private void consumerCancelled(String tag) {
        LOG.log(System.Logger.Level.WARNING, "the broker cancelled the consumer {0} of {1}", tag, spec.getQueue());
        activation.slotBroken(this, null);
    }

    /**
     * This slot is replaced: its channel is closed (its unacked deliveries go back to the queue).
     * Returns false when it was retired already.
     */
    synchronized boolean retire() {
        if (retired) {
            return false;
        }
        retired = true;
        try {
            channel.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a retired slot''s channel: {0}", e.toString());
        }
        return true;
    }

    boolean inFlight() {
        return inFlight;
    }

    /** One delivery, on a WorkManager thread; never on the connection's reader. */
    private void deliver(Message m) {
        // inFlight is set before stopping is read, and stop() sets stopping before it reads
        // inFlight: either this delivery sees the stop, or the stop waits for this delivery.
        inFlight = true;
        try {
            if (activation.stopping() || retired || !channel.isOpen()) {
                // Left unacked: the broker requeues it when the channel closes (or has already).
                // Delivering it now would only process a message whose ack cannot reach the broker.
                return;
            }
            if (activation.pausedReason() != null) {
                handBack(m);
                return;
            }
            if (startOverAfterRollback && dueForDeadLetter(m)) {
                // its last delivery failed past the limit on a channel since discarded: the
                // dead letter and the ack commit together on this one, the endpoint is not run
                deadLetter(m, counter.failures(m));
                counter.forget(m);
                channel.txCommit();
                return;
            }
            stats.delivering(m.redelivered());
            long began = System.nanoTime();
            Result result = deliverToEndpoint(m);
            if (result == Result.REQUEUED) {
                return;
            }
            boolean processed = result == Result.PROCESSED;
            long took = System.nanoTime() - began;
            if (processed) {
                stats.succeeded(took);
            } else {
                failedInARow(stats.failed(took, failure));
            }
            if (Boolean.TRUE.equals(spec.getAutoAck())) {
                if (!processed) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "autoAck=true: message {0} from {1} failed and is lost",
                            m.messageId(),
                            spec.getQueue());
                }
                return;
            }
            if (processed) {
                counter.forget(m);
                if (streak.succeeded()) {
                    LOG.log(System.Logger.Level.INFO, "deliveries from {0} succeed again", spec.getQueue());
                }
                if (!transacted) {
                    channel.basicAck(m.deliveryTag());
                }
            } else {
                settleFailure(m);
            }
        } catch (AmqpException e) {
            // The channel or connection broke while settling: the unacked message returns to
            // the queue, and the activation reconnects.
            LOG.log(
                    channel.isOpen() ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                    "settling a delivery from {0} failed: {1}",
                    spec.getQueue(),
                    e.toString());
            activation.slotBroken(this, e);
        } finally {
            inFlight = false;
        }
    }

    /**
     * A message the broker sent before delivery was paused goes back to the queue unprocessed
     * (requeued at once, in the same transaction mode as any settlement of this channel).
     */
    private void handBack(Message m) {
        cancel(); // the consumer of a slot started while the pause began: no more deliveries
        channel.basicNack(m.deliveryTag(), false, true);
        if (transacted) {
            channel.txCommit();
        }
    }

    /** Whether a message's failures are past the adapter's own limit (none while the endpoint fails). */
    private boolean dueForDeadLetter(Message m) {
        return spec.getDeliveryLimit() == null
                && !streak.endpointFailing()
                && counter.failures(m) > spec.getMaxRedeliveries();
    }

    /** After {@code maxConsecutiveFailures} failures in a row the activation pauses itself. */
    private void failedInARow(int failures) {
        Integer max = spec.getMaxConsecutiveFailures();
        if (max != null && max > 0 && failures >= max) {
            activation.pauseDelivery(failures + " deliveries failed in a row (maxConsecutiveFailures=" + max + ")");
        }
    }

    /** What became of one delivery attempt. */
    private enum Result {
        PROCESSED,
        FAILED,
        REQUEUED
    }

    /** Runs the endpoint: processed (and, if transacted, committed), failed, or handed back. */
    private Result deliverToEndpoint(Message m) {
        failure = null;
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(transacted ? xa : null, 30_000);
        } catch (UnavailableException e) {
            // back-pressure from the container: try again later, without counting an attempt
            LOG.log(System.Logger.Level.DEBUG, "endpoint unavailable: {0}", e.toString());
            if (!activation.pause(200)) {
                return Result.REQUEUED; // stopping: left unacked, requeued when the channel closes
            }
            channel.basicNack(m.deliveryTag(), false, true);
            if (transacted) {
                channel.txCommit();
            }
            return Result.REQUEUED;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot create the endpoint", e);
            failure = "cannot create the endpoint: " + e;
            return Result.FAILED;
        }
        boolean ok = false;
        try {
            xa.reset();
            endpoint.beforeDelivery(ON_MESSAGE);
            // Inside the MDB's transaction, its publishes to this broker go onto this channel:
            // reply and ack then commit together, and the container has one resource to commit.
            boolean routed = transacted
                    && xa.started()
                    && TransactedDelivery.enter(
                            channel, broker, activation.adapter().transactionRegistry());
            try {
                try {
                    ((AmqpMessageListener) endpoint).onMessage(m);
                } finally {
                    if (routed) {
                        TransactedDelivery.leave(); // before afterDelivery completes the transaction
                    }
                }
                ok = true;
                if (transacted) {
                    channel.basicAck(m.deliveryTag()); // inside the transaction: applied on commit
                }
            } catch (RuntimeException | Error e) {
                failure = "onMessage threw " + e;
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "onMessage failed for a message from {0}: {1}",
                        spec.getQueue(),
                        e.toString());
            } finally {
                try {
                    endpoint.afterDelivery(); // commits or rolls back the MDB's transaction
                } catch (Exception e) {
                    ok = false;
                    if (failure == null) {
                        failure = "the transaction did not commit: " + e;
                    }
                    LOG.log(System.Logger.Level.DEBUG, "afterDelivery failed: {0}", e.toString());
                }
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "beforeDelivery failed", e);
            failure = "beforeDelivery failed: " + e;
            ok = false;
        } finally {
            endpoint.release();
        }
        if (transacted && ok && xa.outcome() == DeliveryXAResource.Outcome.NONE) {
            // The container never drove our XAResource (no transaction after all): the ack is
            // still pending on the tx channel, so commit it ourselves rather than redeliver forever.
            channel.txCommit();
            LOG.log(System.Logger.Level.DEBUG, "delivery from {0} ran without a transaction", spec.getQueue());
            return Result.PROCESSED;
        }
        boolean processed = transacted ? ok && xa.outcome() == DeliveryXAResource.Outcome.COMMITTED : ok;
        if (!processed && failure == null) {
            failure = "the transaction rolled back";
        }
        return processed ? Result.PROCESSED : Result.FAILED;
    }

    /**
     * After a pause, requeue until the limit, then dead-letter; in tx mode the decision is
     * committed at once. Neither while every delivery fails, nor once the activation stops.
     */
    private void settleFailure(Message m) {
        if (!channel.isOpen()) {
            // The channel (or the connection) is gone, which is likely why the delivery failed:
            // the broker has requeued the message already; not the message's failure to count.
            // A channel closed on an open connection is started over like any broken slot.
            activation.slotBroken(this, null);
            return;
        }
        int endpointFailures = streak.failed(RedeliveryCounter.key(m));
        // failures of a failing endpoint are not the message's: they do not count towards its limit
        int failures = endpointFailures > 0 ? 0 : counter.recordFailure(m);
        long first = spec.getRedeliveryDelayMillis();
        long max = spec.getMaxRedeliveryDelayMillis();
        if (endpointFailures == 1) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0} different messages from {1} failed in a row: the endpoint, not a "
                            + "message, is failing; failed messages are requeued, not dead-lettered, until a delivery succeeds",
                    FailureStreak.DISTINCT_MESSAGES,
                    spec.getQueue());
        }
        if (activation.pausedReason() != null) {
            if (startOverAfterRollback) {
                activation.startOver(this); // the new slot waits for the resume
                return;
            }
            // paused (maxConsecutiveFailures, say): back to the queue now, for after the resume
            channel.basicNack(m.deliveryTag(), false, true);
            if (transacted) {
                channel.txCommit();
            }
            return;
        }
        long pause = endpointFailures > 0
                ? RedeliveryPause.forFailingEndpoint(first, max, endpointFailures)
                : RedeliveryPause.forMessage(first, max, failures);
        // A container that stops the bean before it deactivates the endpoint fails every
        // delivery for a moment; the pause lets the deactivation arrive, and a stopping
        // activation leaves the message unacked for the broker to requeue, uncounted.
        if (!activation.pause(pause)) {
            return;
        }
        if (startOverAfterRollback) {
            // tx.rollback gave this channel's unacked deliveries new tags (or re-sent them):
            // closing it returns them all to the queue; the next delivery of this message
            // decides on dead-lettering (above)
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "a delivery from {0} rolled back: the slot starts over",
                    spec.getQueue());
            activation.startOver(this);
            return;
        }
        // With deliveryLimit the broker counts every consumer's attempts (x-delivery-count) and
        // dead-letters by itself: the adapter's own limit steps aside and requeues.
        boolean adapterLimit = spec.getDeliveryLimit() == null;
        if (adapterLimit && endpointFailures == 0 && failures > spec.getMaxRedeliveries()) {
            deadLetter(m, failures);
            counter.forget(m);
        } else {
            channel.basicNack(m.deliveryTag(), false, true);
        }
        if (transacted) {
            channel.txCommit();
        }
    }

    private void deadLetter(Message m, int failures) {
        String dlx = spec.getDeadLetterExchange();
        if (dlx == null || dlx.isEmpty()) {
            // the queue's own dead-letter exchange applies (without one, RabbitMQ drops it)
            channel.basicReject(m.deliveryTag(), false);
            stats.deadLettered.increment();
            LOG.log(
                    System.Logger.Level.WARNING,
                    "message from {0} rejected after {1} failed deliveries",
                    spec.getQueue(),
                    failures);
            return;
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        if (m.headers() != null) {
            headers.putAll(m.headers());
        }
        headers.put("x-amqpra-failed-deliveries", failures);
        headers.put("x-amqpra-original-queue", spec.getQueue());
        headers.put("x-amqpra-original-exchange", m.exchange());
        headers.put("x-amqpra-original-routing-key", m.routingKey());
        Message copy = Message.builder(m.body())
                .properties(m.properties())
                .headers(headers)
                .build();
        String exchange = "amq.default".equals(dlx) ? "" : dlx;
        String rk = spec.getDeadLetterRoutingKey() != null ? spec.getDeadLetterRoutingKey() : m.routingKey();
        // In tx mode publish and ack commit together. Otherwise the channel is in confirm mode:
        // the ack follows the broker's confirm, so a crash in between duplicates the dead
        // letter, it never loses the message. Mandatory: an unroutable dead letter is returned,
        // not dropped, and the message stays in its queue.
        try {
            channel.basicPublish(copy, exchange, rk, true, false);
        } catch (MessageReturnedException | MessageNackedException refused) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "dead letter of a message from {0} to {1}/{2} was refused ({3}): the message is requeued",
                    spec.getQueue(),
                    dlx,
                    rk,
                    refused.getMessage());
            channel.basicNack(m.deliveryTag(), false, true);
            return;
        }
        channel.basicAck(m.deliveryTag());
        stats.deadLettered.increment();
        LOG.log(
                System.Logger.Level.WARNING,
                "message from {0} dead-lettered to {1}/{2} after {3} failed deliveries",
                spec.getQueue(),
                dlx,
                rk,
                failures);
    }
}
