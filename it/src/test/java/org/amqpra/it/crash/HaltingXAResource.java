package org.amqpra.it.crash;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A transaction participant that stops the server's JVM at once ({@code Runtime.halt}, as abrupt
 * as {@code kill -9}: no shutdown hook, no further commit) when asked to commit, the first time
 * in this JVM. Enlisted before the datasource, it is committed before it in the second phase:
 * the halt falls after the AMQP commit (the last one-phase resource, committed at the end of the
 * first phase) and after the transaction manager logged its decision, and before the
 * datasource's commit. A restarted JVM is not armed.
 */
public final class HaltingXAResource implements XAResource {
    private static volatile boolean fired;

    @Override
    public void commit(Xid xid, boolean onePhase) {
        if (!fired) {
            fired = true;
            Runtime.getRuntime().halt(9);
        }
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void end(Xid xid, int flags) {}

    @Override
    public void forget(Xid xid) {}

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public void rollback(Xid xid) throws XAException {}

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }

    @Override
    public void start(Xid xid, int flags) {}
}
