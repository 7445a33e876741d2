package org.amqpra.jca;

import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Objects;
import org.amqpra.Channel;
import org.amqpra.client.ConnectionParameters;

/**
 * The transacted delivery a message-driven bean is processing on this thread: its channel (in
 * tx mode, holding the delivery's ack) and the JTA transaction that will commit it.
 *
 * <p>A publish through the outbound factory from inside {@code onMessage}, in that same
 * transaction and to the same broker as the same user, goes onto the delivery's channel instead
 * of a pooled one: the reply and the ack are then one AMQP transaction, committed by one
 * {@code tx.commit}, and the outbound connection is never enlisted, so the container commits a
 * single resource in one phase instead of running two-phase commit with a last resource.
 *
 * <p>The context exists only while {@code onMessage} runs (set by the delivery slot after the
 * container began the transaction, removed before it completes it), so nothing published from
 * a completion callback can land on the delivery's channel after its commit.
 */
public final class TransactedDelivery {
    private static final ThreadLocal<TransactedDelivery> CURRENT = new ThreadLocal<>();

    private final Channel channel;
    private final ConnectionParameters broker;
    private final TransactionSynchronizationRegistry registry;
    private final Object transactionKey;

    private TransactedDelivery(
            Channel channel,
            ConnectionParameters broker,
            TransactionSynchronizationRegistry registry,
            Object transactionKey) {
        this.channel = channel;
        this.broker = broker;
        this.registry = registry;
        this.transactionKey = transactionKey;
    }

    /**
     * Marks this thread as processing a delivery of {@code channel} inside the current JTA
     * transaction. Does nothing without a registry or a transaction.
     *
     * @return whether a context was set (then {@link #leave()} must follow)
     */
    public static boolean enter(
            Channel channel, ConnectionParameters broker, TransactionSynchronizationRegistry registry) {
        if (registry == null) {
            return false;
        }
        Object key = registry.getTransactionKey();
        if (key == null) {
            return false;
        }
        CURRENT.set(new TransactedDelivery(channel, broker, registry, key));
        return true;
    }

    /** Ends this thread's delivery context. */
    public static void leave() {
        CURRENT.remove();
    }

    /**
     * The channel of the delivery in progress on this thread, if a publish to {@code target}
     * belongs there: same broker, virtual host and user, same JTA transaction (not one a
     * {@code REQUIRES_NEW} method started), channel still open. Otherwise null.
     */
    public static Channel channelFor(ConnectionParameters target) {
        TransactedDelivery d = CURRENT.get();
        if (d == null || !d.channel.isOpen() || !sameBroker(d.broker, target)) {
            return null;
        }
        return d.transactionKey.equals(d.registry.getTransactionKey()) ? d.channel : null;
    }

    /** Same broker endpoint, virtual host, user and transport security. */
    static boolean sameBroker(ConnectionParameters a, ConnectionParameters b) {
        return a.host().equalsIgnoreCase(b.host())
                && a.port() == b.port()
                && Objects.equals(a.virtualHost(), b.virtualHost())
                && Objects.equals(a.userid(), b.userid())
                && (a.tls() == null) == (b.tls() == null);
    }
}
