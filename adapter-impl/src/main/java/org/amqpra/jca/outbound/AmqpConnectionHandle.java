package org.amqpra.jca.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.LazyEnlistableConnectionManager;
import java.time.Duration;
import java.util.Map;
import org.amqpra.AmqpConnection;
import org.amqpra.Channel;
import org.amqpra.jca.TransactedDelivery;

/**
 * The connection an application holds: {@link #channel()} is the managed, enlisted channel;
 * {@link #close()} returns the managed connection to the pool. Closing the broker connection
 * itself, other channel numbers and event draining belong to the container and fail clearly.
 */
public final class AmqpConnectionHandle implements AmqpConnection, ChannelRoute {
    private volatile AmqpManagedConnection mc;
    private final ManagedChannel channel = new ManagedChannel(this);
    private volatile boolean closed;
    private volatile LazyEnlistableConnectionManager lazyEnlister;

    AmqpConnectionHandle(AmqpManagedConnection mc) {
        this.mc = mc;
    }

    AmqpManagedConnection managedConnection() {
        return mc;
    }

    @Override
    public AmqpConnection connection() {
        return this;
    }

    @Override
    public FactoryStatistics statistics() {
        return mc.factory().statistics();
    }

    @Override
    public Channel workChannel() {
        return managedConnectionForWork().channelForWork();
    }

    @Override
    public Channel publishChannel() {
        Channel delivery = transactedDeliveryChannel();
        return delivery != null ? delivery : workChannel();
    }

    @Override
    public Channel confirmChannel(String operation) {
        return managedConnectionForWork().confirmChannel(operation);
    }

    void associate(AmqpManagedConnection newMc) {
        mc = newMc;
        closed = false;
    }

    void invalidate() {
        closed = true;
    }

    /**
     * The container enlists this handle's managed connection in a transaction only when it is
     * first used for work ({@link #managedConnectionForWork()}), not when it is handed out.
     */
    void enlistLazily(LazyEnlistableConnectionManager cm) {
        lazyEnlister = cm;
    }

    /**
     * The managed connection, enlisted in the caller's transaction if there is one: with lazy
     * enlistment the container is asked now, before work that belongs to the transaction.
     */
    AmqpManagedConnection managedConnectionForWork() {
        AmqpManagedConnection m = managedConnectionForUse();
        LazyEnlistableConnectionManager cm = lazyEnlister;
        if (cm != null && !m.inTransaction() && m.factory().inTransaction()) {
            m.enlistmentAsked(true);
            try {
                cm.lazyEnlist(m); // begin() is called on m
            } catch (ResourceException e) {
                throw new IllegalStateException(
                        "cannot enlist the AMQP connection in the transaction: " + e.getMessage(), e);
            } finally {
                m.enlistmentAsked(false);
            }
        }
        return m;
    }

    /**
     * The channel of the message-driven bean delivery this thread is processing, when a publish
     * from here belongs in its transaction (same broker and user, same transaction); else null.
     */
    Channel transactedDeliveryChannel() {
        return TransactedDelivery.channelFor(
                managedConnectionForUse().physical().parameters());
    }

    AmqpManagedConnection managedConnectionForUse() {
        AmqpManagedConnection m = mc;
        if (closed || m == null) {
            throw new IllegalStateException("this connection handle is closed");
        }
        return m;
    }

    @Override
    public Channel channel() {
        managedConnectionForUse();
        return channel;
    }

    @Override
    public Channel channel(int channelId) {
        throw oneChannel();
    }

    static UnsupportedOperationException oneChannel() {
        return new UnsupportedOperationException("a managed connection has one channel: use channel()");
    }

    static UnsupportedOperationException brokerConnectionIsShared() {
        return new UnsupportedOperationException("the broker connection is shared and pooled: close() returns this "
                + "handle to the pool; the container closes broker connections");
    }

    static UnsupportedOperationException consumingIsForMessageDrivenBeans() {
        return new UnsupportedOperationException("in a container, messages are consumed by message-driven beans");
    }

    /** Returns the managed connection to the pool; the handle is unusable afterwards. Idempotent. */
    @Override
    public void close() {
        AmqpManagedConnection m = mc;
        if (closed || m == null) {
            return;
        }
        closed = true;
        m.handleClosed(this);
    }

    @Override
    public void close(int replyCode, String replyText, int classId, int methodId) {
        throw brokerConnectionIsShared();
    }

    @Override
    public boolean isConnected() {
        AmqpManagedConnection m = mc;
        return !closed && m != null && m.physical().isConnected();
    }

    @Override
    public boolean isAlive() {
        AmqpManagedConnection m = mc;
        return !closed && m != null && m.isValid();
    }

    @Override
    public void drainEvents(Duration timeout) {
        throw consumingIsForMessageDrivenBeans();
    }

    @Override
    public void loop(Duration timeout) {
        throw consumingIsForMessageDrivenBeans();
    }

    @Override
    public void sendHeartbeat() {
        managedConnectionForUse().physical().sendHeartbeat();
    }

    @Override
    public Map<String, Object> serverCapabilities() {
        return managedConnectionForUse().physical().serverCapabilities();
    }

    @Override
    public Map<String, Object> serverProperties() {
        return managedConnectionForUse().physical().serverProperties();
    }

    @Override
    public String toString() {
        return "AmqpConnectionHandle{" + (closed ? "closed" : "open") + '}';
    }
}
