package org.amqpra.jca.outbound;

import java.time.Duration;
import java.util.Map;
import org.amqpra.AmqpConnection;
import org.amqpra.Channel;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.jca.TransactedDelivery;

/**
 * The connection {@code getConnection()} hands out inside a message-driven bean's transacted
 * delivery, when the factory signs on as the delivery's user on its broker: its publishes go
 * onto the delivery's channel (as any handle's would there), so it holds no pooled connection
 * for them, and the container's pool is not asked for one per delivery. The first operation
 * that needs a pooled connection (a declaration, a mandatory publish, a publish after the
 * delivery ended, the broker's properties) allocates one from the container then, as
 * {@code getConnection()} would have; {@link #close()} returns it.
 */
final class DeliveryConnection implements AmqpConnection, ChannelRoute {
    private final AmqpConnectionFactoryImpl factory;
    private final ConnectionParameters target;
    private final FactoryStatistics statistics;
    private final ManagedChannel channel = new ManagedChannel(this);
    /** Allocated at first need; guarded by this. */
    private AmqpConnectionHandle pooled;

    private volatile boolean closed;

    DeliveryConnection(AmqpConnectionFactoryImpl factory, ConnectionParameters target, FactoryStatistics statistics) {
        this.factory = factory;
        this.target = target;
        this.statistics = statistics;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this connection handle is closed");
        }
    }

    /** The pooled connection, allocated from the container at first need. */
    private synchronized AmqpConnectionHandle pooled() {
        checkOpen();
        if (pooled == null) {
            pooled = factory.allocatePooled(null);
        }
        return pooled;
    }

    @Override
    public AmqpConnection connection() {
        return this;
    }

    @Override
    public Channel workChannel() {
        return pooled().workChannel();
    }

    @Override
    public Channel publishChannel() {
        checkOpen();
        Channel delivery = TransactedDelivery.channelFor(target);
        return delivery != null ? delivery : pooled().publishChannel();
    }

    @Override
    public Channel confirmChannel(String operation) {
        return pooled().confirmChannel(operation);
    }

    @Override
    public FactoryStatistics statistics() {
        return statistics;
    }

    @Override
    public Channel channel() {
        checkOpen();
        return channel;
    }

    @Override
    public Channel channel(int channelId) {
        throw AmqpConnectionHandle.oneChannel();
    }

    /** Returns the pooled connection, if one was allocated; the handle is unusable afterwards. Idempotent. */
    @Override
    public void close() {
        AmqpConnectionHandle p;
        synchronized (this) {
            closed = true;
            p = pooled;
        }
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void close(int replyCode, String replyText, int classId, int methodId) {
        throw AmqpConnectionHandle.brokerConnectionIsShared();
    }

    @Override
    public boolean isConnected() {
        if (closed) {
            return false;
        }
        Channel delivery = TransactedDelivery.channelFor(target);
        return delivery != null || pooled().isConnected();
    }

    @Override
    public boolean isAlive() {
        if (closed) {
            return false;
        }
        Channel delivery = TransactedDelivery.channelFor(target);
        return delivery != null ? delivery.connection().isAlive() : pooled().isAlive();
    }

    @Override
    public void drainEvents(Duration timeout) {
        throw AmqpConnectionHandle.consumingIsForMessageDrivenBeans();
    }

    @Override
    public void loop(Duration timeout) {
        throw AmqpConnectionHandle.consumingIsForMessageDrivenBeans();
    }

    @Override
    public void sendHeartbeat() {
        pooled().sendHeartbeat();
    }

    @Override
    public Map<String, Object> serverCapabilities() {
        return pooled().serverCapabilities();
    }

    @Override
    public Map<String, Object> serverProperties() {
        return pooled().serverProperties();
    }

    @Override
    public String toString() {
        return "AmqpConnectionHandle{" + (closed ? "closed" : "open") + ", in a delivery}";
    }
}
