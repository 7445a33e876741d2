package org.amqpra.jca.outbound;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpException;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Channel;
import org.amqpra.ChannelMode;
import org.amqpra.Message;
import org.amqpra.QueueDeclareOk;
import org.amqpra.ReturnedMessage;

/**
 * The channel an application gets from a connection handle: every operation goes to the managed
 * connection's channel for the current transaction state (enlisted, transactional channel inside
 * a JTA transaction; outside one, a channel in confirm mode unless the factory's
 * {@code PublisherConfirms} is false). Transactions are the container's: txSelect, txCommit and
 * txRollback fail clearly; the confirm calls work outside a transaction only; close() does nothing
 * (close the connection handle instead).
 */
final class ManagedChannel implements Channel {
    private final ChannelRoute route;

    ManagedChannel(ChannelRoute route) {
        this.route = route;
    }

    /** The connection handle this channel came from. */
    @Override
    public AmqpConnection connection() {
        return route.connection();
    }

    private Channel ch() {
        return route.workChannel();
    }

    /** Where a publish goes: the MDB delivery's own channel when in its transaction, else ch(). */
    private Channel publishChannel() {
        return route.publishChannel();
    }

    private static UnsupportedOperationException containerOwns(String what) {
        return new UnsupportedOperationException(what + " is not available on a managed connection: the container "
                + "demarcates transactions (JTA); publish inside a transaction and it is sent on commit");
    }

    @Override
    public int channelId() {
        return ch().channelId();
    }

    @Override
    public boolean isOpen() {
        return route.connection().isConnected();
    }

    @Override
    public ChannelMode mode() {
        return ch().mode();
    }

    @Override
    public boolean isActive() {
        return ch().isActive();
    }

    @Override
    public void exchangeDeclare(String e, String t) {
        ch().exchangeDeclare(e, t);
    }

    @Override
    public void exchangeDeclare(
            String e,
            String t,
            boolean passive,
            boolean durable,
            boolean autoDelete,
            boolean nowait,
            Map<String, Object> args) {
        ch().exchangeDeclare(e, t, passive, durable, autoDelete, nowait, args);
    }

    @Override
    public void exchangeDelete(String e) {
        ch().exchangeDelete(e);
    }

    @Override
    public void exchangeDelete(String e, boolean ifUnused, boolean nowait) {
        ch().exchangeDelete(e, ifUnused, nowait);
    }

    @Override
    public void exchangeBind(String d, String s, String rk) {
        ch().exchangeBind(d, s, rk);
    }

    @Override
    public void exchangeBind(String d, String s, String rk, boolean nowait, Map<String, Object> args) {
        ch().exchangeBind(d, s, rk, nowait, args);
    }

    @Override
    public void exchangeUnbind(String d, String s, String rk) {
        ch().exchangeUnbind(d, s, rk);
    }

    @Override
    public void exchangeUnbind(String d, String s, String rk, boolean nowait, Map<String, Object> args) {
        ch().exchangeUnbind(d, s, rk, nowait, args);
    }

    @Override
    public QueueDeclareOk queueDeclare() {
        return ch().queueDeclare();
    }

    @Override
    public QueueDeclareOk queueDeclare(String q) {
        return ch().queueDeclare(q);
    }

    @Override
    public QueueDeclareOk queueDeclare(
            String q,
            boolean passive,
            boolean durable,
            boolean exclusive,
            boolean autoDelete,
            boolean nowait,
            Map<String, Object> args) {
        return ch().queueDeclare(q, passive, durable, exclusive, autoDelete, nowait, args);
    }

    @Override
    public void queueBind(String q, String e, String rk) {
        ch().queueBind(q, e, rk);
    }

    @Override
    public void queueBind(String q, String e, String rk, boolean nowait, Map<String, Object> args) {
        ch().queueBind(q, e, rk, nowait, args);
    }

    @Override
    public void queueUnbind(String q, String e, String rk) {
        ch().queueUnbind(q, e, rk);
    }

    @Override
    public void queueUnbind(String q, String e, String rk, Map<String, Object> args) {
        ch().queueUnbind(q, e, rk, args);
    }

    @Override
    public long queuePurge(String q) {
        return ch().queuePurge(q);
    }

    @Override
    public long queuePurge(String q, boolean nowait) {
        return ch().queuePurge(q, nowait);
    }

    @Override
    public long queueDelete(String q) {
        return ch().queueDelete(q);
    }

    @Override
    public long queueDelete(String q, boolean ifUnused, boolean ifEmpty, boolean nowait) {
        return ch().queueDelete(q, ifUnused, ifEmpty, nowait);
    }

    @Override
    public void basicPublish(Message m, String e, String rk, boolean mandatory, boolean immediate) {
        // A mandatory publish stays on this connection's own channel: its basic.return must
        // reach returnedMessages() here, not the delivery channel's.
        Channel ch = mandatory ? ch() : publishChannel();
        FactoryStatistics stats = route.statistics();
        try {
            ch.basicPublish(m, e, rk, mandatory, immediate);
        } catch (AmqpException failed) {
            stats.publishFailed(ch);
            throw failed;
        }
        stats.published(ch);
    }

    private Channel confirmChannel(String operation) {
        return route.confirmChannel(operation);
    }

    @Override
    public CompletableFuture<Void> basicPublishAsync(Message m, String e, String rk, boolean mandatory) {
        CompletableFuture<Void> confirmed = confirmChannel("basicPublishAsync").basicPublishAsync(m, e, rk, mandatory);
        route.statistics().publishes.increment(); // its outcome is the caller's future
        return confirmed;
    }

    @Override
    public boolean waitForConfirms(Duration timeout) {
        return confirmChannel("waitForConfirms").waitForConfirms(timeout);
    }

    @Override
    public void awaitConfirmWindow(int window, Duration timeout) {
        confirmChannel("awaitConfirmWindow").awaitConfirmWindow(window, timeout);
    }

    @Override
    public Message basicGet(String q) {
        return ch().basicGet(q);
    }

    @Override
    public Message basicGet(String q, boolean noAck) {
        return ch().basicGet(q, noAck);
    }

    @Override
    public String basicConsume(String q, AmqpMessageListener l) {
        throw new UnsupportedOperationException(
                "consume with a message-driven bean (AmqpMessageListener) in a container");
    }

    @Override
    public String basicConsume(
            String q,
            String tag,
            boolean noLocal,
            boolean noAck,
            boolean exclusive,
            boolean nowait,
            AmqpMessageListener l,
            Map<String, Object> args,
            Consumer<String> onCancel) {
        throw new UnsupportedOperationException(
                "consume with a message-driven bean (AmqpMessageListener) in a container");
    }

    @Override
    public void basicCancel(String tag) {
        ch().basicCancel(tag);
    }

    @Override
    public void basicCancel(String tag, boolean nowait) {
        ch().basicCancel(tag, nowait);
    }

    @Override
    public void basicAck(long tag) {
        ch().basicAck(tag);
    }

    @Override
    public void basicAck(long tag, boolean multiple) {
        ch().basicAck(tag, multiple);
    }

    @Override
    public void basicNack(long tag, boolean multiple, boolean requeue) {
        ch().basicNack(tag, multiple, requeue);
    }

    @Override
    public void basicReject(long tag, boolean requeue) {
        ch().basicReject(tag, requeue);
    }

    @Override
    public void basicQos(int size, int count, boolean global) {
        ch().basicQos(size, count, global);
    }

    @Override
    public void basicRecover(boolean requeue) {
        ch().basicRecover(requeue);
    }

    @Override
    public void basicRecoverAsync(boolean requeue) {
        ch().basicRecoverAsync(requeue);
    }

    @Override
    public BlockingQueue<ReturnedMessage> returnedMessages() {
        return ch().returnedMessages();
    }

    @Override
    public void txSelect() {
        throw containerOwns("txSelect");
    }

    @Override
    public void txCommit() {
        throw containerOwns("txCommit");
    }

    @Override
    public void txRollback() {
        throw containerOwns("txRollback");
    }

    /**
     * Checks that confirms are available here (outside a transaction, with PublisherConfirms on):
     * the managed channel is in confirm mode already, set by the factory's property.
     */
    @Override
    public void confirmSelect() {
        confirmChannel("confirmSelect");
    }

    /** As {@link #confirmSelect()}. */
    @Override
    public void confirmSelect(boolean nowait) {
        confirmChannel("confirmSelect");
    }

    @Override
    public void flow(boolean active) {
        ch().flow(active);
    }

    /** Does nothing: the channel belongs to the pooled managed connection. */
    @Override
    public void close() {}

    /** Does nothing: the channel belongs to the pooled managed connection. */
    @Override
    public void close(int code, String text, int classId, int methodId) {}
}
