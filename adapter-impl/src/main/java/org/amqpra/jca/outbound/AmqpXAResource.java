package org.amqpra.jca.outbound;

import jakarta.resource.ResourceException;
import javax.transaction.xa.XAException;
import javax.transaction.xa.Xid;
import org.amqpra.jca.XaLiteResource;

/**
 * "XA-lite": an XAResource over the channel's one-phase tx.select/tx.commit. AMQP 0-9-1 has no
 * prepare, so following the Connectors rules for one-phase resources: {@code commit} must be
 * one-phase; {@code prepare} rolls back and answers {@code XA_RBPROTO}; a failed commit answers
 * {@code XA_RBROLLBACK} when the broker refused it, and {@code XA_HEURHAZ} when the broker did
 * not answer (the commit may or may not have happened); {@code recover} has nothing to report;
 * {@code isSameRM} is true only for the same channel.
 */
final class AmqpXAResource extends XaLiteResource {
    private final AmqpManagedConnection mc;
    private volatile Xid current;

    AmqpXAResource(AmqpManagedConnection mc) {
        this.mc = mc;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        if ((flags & (TMJOIN | TMRESUME)) != 0) {
            if (current == null || !current.equals(xid)) {
                throw xa(XAException.XAER_NOTA, "unknown transaction to join or resume", null);
            }
            return;
        }
        if (current != null) {
            throw xa(XAException.XAER_PROTO, "already associated with a transaction", null);
        }
        try {
            mc.beginTx();
        } catch (ResourceException e) {
            throw xa(XAException.XAER_RMFAIL, e.getMessage(), e);
        }
        current = xid;
    }

    @Override
    public void end(Xid xid, int flags) {
        // the work is already on the channel; commit or rollback decides
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        rollbackQuietly();
        throw xa(
                XAException.XA_RBPROTO,
                "AMQP 0-9-1 has no prepare: this one-phase resource must be the last "
                        + "resource of the transaction (rolled back)",
                null);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        if (!onePhase) {
            rollbackQuietly();
            throw xa(XAException.XAER_PROTO, "two-phase commit requested on a one-phase resource", null);
        }
        current = null;
        try {
            mc.commitTx();
        } catch (AmqpManagedConnection.CommitFailure f) {
            throw xa(
                    f.outcomeUnknown ? XAException.XA_HEURHAZ : XAException.XA_RBROLLBACK,
                    f.getMessage(),
                    f.getCause());
        }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        current = null;
        try {
            mc.rollbackTx();
        } catch (ResourceException e) {
            throw xa(XAException.XAER_RMFAIL, e.getMessage(), e);
        }
    }

    private void rollbackQuietly() {
        current = null;
        try {
            mc.rollbackTx();
        } catch (ResourceException ignored) {
            // reported by the XAException that follows
        }
    }
}
