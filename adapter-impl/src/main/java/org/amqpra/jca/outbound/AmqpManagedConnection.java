package org.amqpra.jca.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LazyEnlistableManagedConnection;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.SecurityException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.amqpra.AmqpException;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.Channel;
import org.amqpra.ChannelMode;
import org.amqpra.ConnectionLostException;
import org.amqpra.client.Connection;

/**
 * One pooled managed connection: an AMQP channel on a shared broker connection. Inside a
 * transaction work goes to a channel in tx mode ({@code tx.select} once, on first enlistment);
 * outside one it goes to a second, plain channel, so work outside a transaction never lands on
 * a transactional channel where it would wait for a commit that never comes.
 */
public final class AmqpManagedConnection implements ManagedConnection, LazyEnlistableManagedConnection {
    private static final System.Logger LOG = System.getLogger(AmqpManagedConnection.class.getName());

    private final AmqpManagedConnectionFactory factory;
    private final Credentials credentials;
    private final SharedConnections.Shared shared;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<AmqpConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private final AmqpLocalTransaction localTransaction = new AmqpLocalTransaction(this);
    private final AmqpXAResource xaResource = new AmqpXAResource(this);
    private Channel txChannel;
    private Channel plainChannel;
    private volatile boolean inTransaction;
    /** Whether the transaction in progress used the tx channel: if not, there is nothing to commit. */
    private boolean txChannelUsed;
    /** Set while a handle asks the container to enlist this connection (lazy enlistment). */
    private volatile boolean enlistmentAsked;

    private volatile boolean destroyed;
    private volatile boolean broken;
    private PrintWriter logWriter;

    AmqpManagedConnection(AmqpManagedConnectionFactory factory, Credentials credentials) {
        this.factory = factory;
        this.credentials = credentials;
        this.shared = factory.shared().lease(credentials, this);
    }

    AmqpManagedConnectionFactory factory() {
        return factory;
    }

    Credentials credentials() {
        return credentials;
    }

    Connection physical() {
        return shared.connection;
    }

    /** Whether an application holds a handle of this connection now. */
    boolean inUse() {
        return !handles.isEmpty();
    }

    /** Whether a transaction is active on this connection (begun and not yet ended). */
    boolean inTransaction() {
        return inTransaction;
    }

    /** Healthy: not destroyed, broker connection open and alive. */
    boolean isValid() {
        return !destroyed && !broken && shared.connection.isConnected() && shared.connection.isAlive();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo cri) throws ResourceException {
        Credentials asked = factory.credentials(subject, cri);
        if (!asked.equals(credentials)) {
            throw new SecurityException(
                    "this managed connection is signed on as " + credentials.user() + ", not " + asked.user());
        }
        checkUsable();
        AmqpConnectionHandle h = new AmqpConnectionHandle(this);
        handles.add(h);
        return h;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof AmqpConnectionHandle)) {
            throw new ResourceException("not an amqp-ra connection handle: " + connection);
        }
        AmqpConnectionHandle h = (AmqpConnectionHandle) connection;
        AmqpManagedConnection old = h.managedConnection();
        if (old != null) {
            old.handles.remove(h);
        }
        h.associate(this);
        handles.add(h);
    }

    @Override
    public void cleanup() throws ResourceException {
        for (AmqpConnectionHandle h : handles) {
            h.invalidate();
        }
        handles.clear();
        if (inTransaction) {
            // The container returns us with a transaction still open only after a failure:
            // never let its publishes reach the next user.
            try {
                rollbackTx();
            } catch (ResourceException e) {
                LOG.log(System.Logger.Level.DEBUG, "rollback at cleanup failed: {0}", e.toString());
            }
        }
        inTransaction = false;
        settleConfirms();
    }

    /**
     * The next user of this pooled connection must not inherit the last one's confirms: waits
     * (bounded by the RPC timeout) for publishes it left unconfirmed and clears the failures it
     * was already told of, which would otherwise make the next user's waitForConfirms false. A
     * channel that does not settle is replaced.
     */
    private synchronized void settleConfirms() {
        Channel ch = plainChannel;
        if (ch == null || ch.mode() != ChannelMode.CONFIRM || !ch.isOpen()) {
            return;
        }
        try {
            ch.waitForConfirms(shared.connection.parameters().rpcTimeout());
        } catch (AmqpException | IllegalStateException e) {
            LOG.log(System.Logger.Level.DEBUG, "confirms left by the last user did not settle: {0}", e.toString());
            closeQuietly(ch);
            plainChannel = null;
        }
    }

    @Override
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        for (AmqpConnectionHandle h : handles) {
            h.invalidate();
        }
        handles.clear();
        closeQuietly(txChannel);
        closeQuietly(plainChannel);
        txChannel = null;
        plainChannel = null;
        factory.shared().release(shared, this);
    }

    private static void closeQuietly(Channel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (RuntimeException e) {
                // the connection is gone; nothing to close
            }
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener l) {
        listeners.add(l);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener l) {
        listeners.remove(l);
    }

    @Override
    public XAResource getXAResource() {
        return xaResource;
    }

    @Override
    public LocalTransaction getLocalTransaction() {
        return localTransaction;
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new AmqpManagedConnectionMetaData(shared.connection, credentials.user());
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    // ---- work -----------------------------------------------------------------------------

    /**
     * The channel for the next operation: the transactional one inside a transaction, the plain
     * one outside. A channel the broker closed (a publish to a missing exchange, say) is
     * replaced on next use; the error itself has already failed the transaction.
     */
    synchronized Channel channelForWork() {
        checkUsable();
        if (inTransaction) {
            txChannelUsed = true;
            return txChannel;
        }
        refuseAfterTheTransactionEnded();
        return plainChannel();
    }

    /**
     * The transaction manager ended our AMQP transaction (a timeout rolls back from its own
     * thread) while the caller still runs in the JTA transaction: its next publish would
     * otherwise go out at once, outside the transaction it belongs to.
     */
    private void refuseAfterTheTransactionEnded() {
        if (factory.transactionNoLongerActive()) {
            throw new IllegalStateException("the JTA transaction of this call is no longer active (timed out, "
                    + "rolled back or marked rollback-only): the operation is refused rather than done outside it");
        }
    }

    /**
     * The channel outside transactions, in confirm mode unless the factory says otherwise. A
     * confirm channel the broker closed is never re-opened by the client (its unconfirmed
     * publishes failed with the error); the next use gets a new one here.
     */
    private Channel plainChannel() {
        if (plainChannel == null || !plainChannel.isOpen()) {
            closeQuietly(plainChannel);
            Channel ch = shared.connection.channel();
            if (factory.confirmsOutsideTransactions()) {
                ch.confirmSelect();
            }
            plainChannel = ch;
        }
        return plainChannel;
    }

    /**
     * The channel for publisher-confirm calls ({@code basicPublishAsync}, {@code waitForConfirms}):
     * the confirm channel, outside a transaction only. A transaction's publishes are confirmed
     * by its commit; a channel cannot be in tx and confirm mode at once (0-9-1 confirm.select).
     */
    synchronized Channel confirmChannel(String operation) {
        checkUsable();
        if (inTransaction) {
            throw new IllegalStateException(operation + " is not available inside a transaction: the commit "
                    + "confirms a transaction's publishes (a channel cannot be transactional and in confirm "
                    + "mode at once); call it outside the transaction");
        }
        if (!factory.confirmsOutsideTransactions()) {
            throw new IllegalStateException(
                    operation + " needs publisher confirms, and this connection factory has PublisherConfirms=false");
        }
        refuseAfterTheTransactionEnded();
        return plainChannel();
    }

    private void checkUsable() {
        if (destroyed) {
            throw new IllegalStateException("this managed connection was destroyed");
        }
        if (broken || !shared.connection.isConnected()) {
            AmqpException cause = shared.connection.closeCause();
            throw cause != null ? cause : new IllegalStateException("the broker connection is closed");
        }
    }

    // ---- transactions -----------------------------------------------------------------------

    synchronized void beginTx() throws ResourceException {
        if (inTransaction) {
            throw new LocalTransactionException("a transaction is already active on this connection");
        }
        try {
            checkUsable();
            if (txChannel == null || !txChannel.isOpen()) {
                closeQuietly(txChannel);
                txChannel = shared.connection.channel();
            }
            if (txChannel.mode() != ChannelMode.TX) {
                txChannel.txSelect(); // once per channel: it stays transactional
            }
        } catch (AmqpException | IllegalStateException e) {
            throw new LocalTransactionException("cannot begin an AMQP transaction: " + e.getMessage(), e);
        }
        txChannelUsed = false;
        inTransaction = true;
        if (!enlistmentAsked) {
            EagerEnlistment.noticeIfInDelivery(shared.connection.parameters());
        }
    }

    /** Marks the span in which a handle asks the container to enlist this connection. */
    void enlistmentAsked(boolean asked) {
        enlistmentAsked = asked;
    }

    /**
     * tx.commit. Throws when the broker did not confirm the commit; {@link CommitFailure} says
     * whether the outcome is known (the broker refused) or not (no answer).
     */
    synchronized void commitTx() throws CommitFailure {
        if (!inTransaction) {
            throw new CommitFailure("no transaction is active on this connection", null, false);
        }
        inTransaction = false;
        if (!txChannelUsed) {
            return; // nothing was sent in this AMQP transaction: no tx.commit round trip
        }
        FactoryStatistics stats = factory.statistics();
        long began = System.nanoTime();
        try {
            txChannel.txCommit();
            stats.commitTime.recordNanos(System.nanoTime() - began);
            stats.committed.increment();
        } catch (AmqpException e) {
            stats.commitFailed.increment();
            boolean unknown = e instanceof ConnectionLostException || e instanceof AmqpTimeoutException;
            if (txChannel.isOpen()) {
                try {
                    txChannel.txRollback();
                } catch (AmqpException ignored) {
                    // the rollback is best effort: the commit already failed
                }
            }
            throw new CommitFailure("AMQP tx.commit failed: " + e.getMessage(), e, unknown);
        }
    }

    synchronized void rollbackTx() throws ResourceException {
        boolean was = inTransaction;
        inTransaction = false;
        if (!was || !txChannelUsed || txChannel == null || !txChannel.isOpen() || !shared.connection.isConnected()) {
            if (was && txChannelUsed) {
                factory.statistics().rolledBack.increment(); // gone with the dead channel
            }
            return; // nothing was sent, or a dead channel's transaction is gone with it
        }
        factory.statistics().rolledBack.increment();
        try {
            txChannel.txRollback();
        } catch (AmqpException e) {
            throw new LocalTransactionException("AMQP tx.rollback failed: " + e.getMessage(), e);
        }
    }

    // ---- events -----------------------------------------------------------------------------

    void handleClosed(AmqpConnectionHandle h) {
        handles.remove(h);
        ConnectionEvent ev = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        ev.setConnectionHandle(h);
        for (ConnectionEventListener l : listeners) {
            l.connectionClosed(ev);
        }
    }

    /** The shared broker connection ended: the pool must drop this managed connection. */
    void physicalConnectionBroken(AmqpException cause) {
        if (destroyed || broken) {
            return;
        }
        broken = true;
        ConnectionEvent ev = new ConnectionEvent(
                this,
                ConnectionEvent.CONNECTION_ERROR_OCCURRED,
                new ResourceException("broker connection lost: " + cause.getMessage(), cause));
        for (ConnectionEventListener l : listeners) {
            l.connectionErrorOccurred(ev);
        }
    }

    /** A failed commit, with whether its outcome is unknown. */
    static final class CommitFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean outcomeUnknown;

        CommitFailure(String message, Throwable cause, boolean outcomeUnknown) {
            super(message, cause);
            this.outcomeUnknown = outcomeUnknown;
        }
    }
}
