package org.amqpra.jca.inbound;

import javax.transaction.xa.XAException;
import javax.transaction.xa.Xid;
import org.amqpra.AmqpException;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.Channel;
import org.amqpra.ConnectionLostException;
import org.amqpra.jca.XaLiteResource;

/**
 * The XA-lite resource of one delivery slot: the MDB's transaction commits or rolls back the
 * slot's channel transaction, which holds the delivery's ack. AMQP has no prepare; this resource
 * votes yes when its channel is healthy, so that the container can run it beside the outbound
 * factory's last resource or an XA datasource. The price, written in the README: if the broker
 * is lost between that vote and tx.commit, the ack is lost and the message is redelivered
 * (at-least-once, never at-most-once).
 */
final class DeliveryXAResource extends XaLiteResource {
    /** What happened to the last transaction. */
    enum Outcome {
        NONE,
        COMMITTED,
        ROLLED_BACK,
        FAILED
    }

    private final Channel channel;
    private volatile Outcome outcome = Outcome.NONE;
    private volatile boolean started;

    DeliveryXAResource(Channel channel) {
        this.channel = channel;
    }

    Outcome outcome() {
        return outcome;
    }

    void reset() {
        outcome = Outcome.NONE;
        started = false;
    }

    /** Whether the container enlisted this resource since {@link #reset()}. */
    boolean started() {
        return started;
    }

    @Override
    public void start(Xid xid, int flags) {
        outcome = Outcome.NONE; // the slot's channel is in tx mode from its start
        started = true;
    }

    @Override
    public void end(Xid xid, int flags) {}

    @Override
    public int prepare(Xid xid) throws XAException {
        if (!channel.isOpen()) {
            outcome = Outcome.ROLLED_BACK;
            throw xa(
                    XAException.XA_RBCOMMFAIL, "the delivery channel is closed: the message will be redelivered", null);
        }
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        try {
            channel.txCommit();
            outcome = Outcome.COMMITTED;
        } catch (AmqpException e) {
            outcome = Outcome.FAILED;
            boolean unknown = e instanceof ConnectionLostException || e instanceof AmqpTimeoutException;
            int code = onePhase && !unknown ? XAException.XA_RBROLLBACK : XAException.XA_HEURHAZ;
            throw xa(
                    code,
                    "tx.commit of the delivery's ack failed: " + e.getMessage() + " (the message will be redelivered)",
                    e);
        }
    }

    @Override
    public void rollback(Xid xid) {
        outcome = Outcome.ROLLED_BACK;
        try {
            if (channel.isOpen()) {
                channel.txRollback();
            }
        } catch (AmqpException e) {
            // a closed channel rolled back by itself: the broker requeues the message
        }
    }
}
