package org.amqpra.jca;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * What the adapter's two XA-lite resources (outbound managed connection, inbound delivery slot)
 * share: AMQP keeps no prepared transactions, so there is nothing to recover or forget, and a
 * resource is the same resource manager only as itself.
 */
public abstract class XaLiteResource implements XAResource {
    private volatile int timeoutSeconds;

    /** An XAException with an error code, a message and a cause. */
    protected static XAException xa(int code, String message, Throwable cause) {
        XAException e = new XAException(message);
        e.errorCode = code;
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    @Override
    public void forget(Xid xid) {
        // no heuristic decisions are remembered
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0]; // nothing survives a broker connection: no prepared branches
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this; // a transaction is per channel
    }

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        timeoutSeconds = seconds;
        return false; // the broker has no transaction timeout to set
    }
}
