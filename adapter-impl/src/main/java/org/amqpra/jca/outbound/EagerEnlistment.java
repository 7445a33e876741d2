package org.amqpra.jca.outbound;

import java.util.concurrent.atomic.AtomicBoolean;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.jca.TransactedDelivery;

/**
 * Tells the operator, once, when the connection pool enlists managed connections as they are
 * handed out rather than at first use, inside a message-driven bean's transacted delivery.
 *
 * <p>The bean's publishes still ride on the delivery's channel, but the container now has two
 * resources in the transaction (the delivery and the pooled connection, which never does any
 * work) and commits them as a distributed transaction, at well under half the delivery rate
 * (Payara 6, whose pools enlist eagerly unless {@code lazy-connection-enlistment} is set;
 * numbers in {@code bench/DESIGN-MEASUREMENTS.md}).
 */
final class EagerEnlistment {
    private static final System.Logger LOG = System.getLogger(EagerEnlistment.class.getName());
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private EagerEnlistment() {}

    /**
     * Called as a managed connection joins a transaction without having asked to (its handles
     * ask at first use): if a transacted delivery to the same broker is in progress on this
     * thread, in that transaction, the pool enlisted it eagerly.
     */
    static void noticeIfInDelivery(ConnectionParameters broker) {
        if (TransactedDelivery.channelFor(broker) != null && TOLD.compareAndSet(false, true)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the connection pool enlisted an amqp-ra connection in a "
                            + "message-driven bean's transaction before it was used: every delivery then commits two "
                            + "resources instead of one. Enable lazy connection enlistment on the pool (Payara: "
                            + "create-connector-connection-pool --lazyconnectionenlistment=true)");
        }
    }

    /** Whether the warning was given (tests). */
    static boolean told() {
        return TOLD.get();
    }
}
