package org.amqpra.client;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.amqpra.AmqpException;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Channel;
import org.amqpra.ChannelMode;
import org.amqpra.Message;
import org.amqpra.QueueDeclareOk;
import org.amqpra.ReturnedMessage;
import org.amqpra.wire.ClientMethods;
import org.amqpra.wire.Command;
import org.amqpra.wire.FieldRanges;
import org.amqpra.wire.FieldType;
import org.amqpra.wire.FrameView;
import org.amqpra.wire.Methods;

/**
 * A channel of a {@link Connection}: the application-facing side. Application threads call the
 * {@link Channel} methods here, which build the method and hand it to the channel's
 * {@link ChannelCore} (state machine, RPC, write guard); the connection's reader thread calls
 * {@link #handleFrame}, which its {@link ChannelReader} handles. See {@link Channel} for the
 * semantics.
 */
final class ChannelImpl implements Channel {
    /** Returned messages kept for {@link #returnedMessages()} before the oldest is dropped. */
    private static final int RETURNED_CAPACITY = 100_000;

    private final ChannelCore core;
    private final ChannelReader reader;
    private final ChannelConfirms confirms;
    private final BlockingQueue<ReturnedMessage> returned = new LinkedBlockingQueue<>(RETURNED_CAPACITY);

    ChannelImpl(Connection conn, int id) {
        this.core = new ChannelCore(conn, id);
        this.reader = new ChannelReader(this, core, conn.dispatcher().lane(), returned);
        this.confirms = new ChannelConfirms(core);
    }

    /** Sends channel.open and waits for open-ok. */
    void open() {
        core.open();
    }

    /** Handles one frame for this channel (reader thread). Protocol violations propagate. */
    void handleFrame(FrameView f) {
        reader.handleFrame(f);
    }

    /** The connection closed or broke: every pending call fails with its cause. */
    void connectionClosed(AmqpException cause) {
        core.connectionClosed(cause);
    }

    /** The error that closed this channel, or null. */
    AmqpException closeCause() {
        return core.closeCause();
    }

    // ---- identity and state -------------------------------------------------------------

    @Override
    public int channelId() {
        return core.id;
    }

    @Override
    public boolean isOpen() {
        return core.isOpen();
    }

    @Override
    public ChannelMode mode() {
        return core.mode();
    }

    @Override
    public boolean isActive() {
        return core.active();
    }

    @Override
    public Connection connection() {
        return core.conn;
    }

    // ---- exchange -----------------------------------------------------------------------

    @Override
    public void exchangeDeclare(
            String exchange,
            String type,
            boolean passive,
            boolean durable,
            boolean autoDelete,
            boolean nowait,
            Map<String, Object> arguments) {
        core.call(
                ClientMethods.exchangeDeclare(exchange, type, passive, durable, autoDelete, nowait, arguments),
                nowait,
                Methods.EXCHANGE_DECLARE_OK);
    }

    @Override
    public void exchangeDelete(String exchange, boolean ifUnused, boolean nowait) {
        core.call(ClientMethods.exchangeDelete(exchange, ifUnused, nowait), nowait, Methods.EXCHANGE_DELETE_OK);
    }

    @Override
    public void exchangeBind(
            String destination, String source, String routingKey, boolean nowait, Map<String, Object> arguments) {
        core.call(
                ClientMethods.exchangeBind(destination, source, routingKey, nowait, arguments),
                nowait,
                Methods.EXCHANGE_BIND_OK);
    }

    @Override
    public void exchangeUnbind(
            String destination, String source, String routingKey, boolean nowait, Map<String, Object> arguments) {
        core.call(
                ClientMethods.exchangeUnbind(destination, source, routingKey, nowait, arguments),
                nowait,
                Methods.EXCHANGE_UNBIND_OK);
    }

    // ---- queue --------------------------------------------------------------------------

    @Override
    public QueueDeclareOk queueDeclare(
            String queue,
            boolean passive,
            boolean durable,
            boolean exclusive,
            boolean autoDelete,
            boolean nowait,
            Map<String, Object> arguments) {
        Command c = core.call(
                ClientMethods.queueDeclare(queue, passive, durable, exclusive, autoDelete, nowait, arguments),
                nowait,
                Methods.QUEUE_DECLARE_OK);
        return Replies.queueDeclareOk(c);
    }

    @Override
    public void queueBind(
            String queue, String exchange, String routingKey, boolean nowait, Map<String, Object> arguments) {
        core.call(
                ClientMethods.queueBind(queue, exchange, routingKey, nowait, arguments), nowait, Methods.QUEUE_BIND_OK);
    }

    @Override
    public void queueUnbind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
        core.call(ClientMethods.queueUnbind(queue, exchange, routingKey, arguments), false, Methods.QUEUE_UNBIND_OK);
    }

    @Override
    public long queuePurge(String queue, boolean nowait) {
        Command c = core.call(ClientMethods.queuePurge(queue, nowait), nowait, Methods.QUEUE_PURGE_OK);
        return Replies.messageCount(c);
    }

    @Override
    public long queueDelete(String queue, boolean ifUnused, boolean ifEmpty, boolean nowait) {
        Command c =
                core.call(ClientMethods.queueDelete(queue, ifUnused, ifEmpty, nowait), nowait, Methods.QUEUE_DELETE_OK);
        return Replies.messageCount(c);
    }

    // ---- basic: publish -----------------------------------------------------------------

    @Override
    public void basicPublish(
            Message message, String exchange, String routingKey, boolean mandatory, boolean immediate) {
        if (immediate) {
            throw new UnsupportedOperationException("immediate=true is not supported by RabbitMQ since 3.0 "
                    + "(it would close the connection with 540 NOT_IMPLEMENTED); use a TTL of 0 instead");
        }
        if (core.mode() == ChannelMode.CONFIRM) {
            confirms.publishAndWait(message, exchange, routingKey, mandatory);
            return;
        }
        core.publish(message, exchange, routingKey, mandatory);
    }

    @Override
    public CompletableFuture<Void> basicPublishAsync(
            Message message, String exchange, String routingKey, boolean mandatory) {
        return confirms.publishAsync(message, exchange, routingKey, mandatory);
    }

    @Override
    public boolean waitForConfirms(Duration timeout) {
        return confirms.waitForAll(timeout);
    }

    @Override
    public void awaitConfirmWindow(int window, Duration timeout) {
        confirms.awaitWindow(window, timeout);
    }

    /** The channel's confirms (tests read the unconfirmed count and the next sequence number). */
    ChannelConfirms confirms() {
        return confirms;
    }

    // ---- basic: get, consume ------------------------------------------------------------

    @Override
    public Message basicGet(String queue, boolean noAck) {
        Command c =
                core.call(ClientMethods.basicGet(queue, noAck), false, Methods.BASIC_GET_OK, Methods.BASIC_GET_EMPTY);
        if (c.method().is(Methods.BASIC_GET_EMPTY)) {
            return null;
        }
        return Replies.getOk(c, noAck ? null : new ChannelAcknowledger(this, core, core.generation()));
    }

    @Override
    public String basicConsume(
            String queue,
            String consumerTag,
            boolean noLocal,
            boolean noAck,
            boolean exclusive,
            boolean nowait,
            AmqpMessageListener listener,
            Map<String, Object> arguments,
            Consumer<String> onCancel) {
        if (listener == null) {
            throw new IllegalArgumentException("a consumer needs a listener");
        }
        ChannelConsumers.Entry entry = new ChannelConsumers.Entry(listener, onCancel, noAck);
        String tag = consumerTag == null ? "" : consumerTag;
        if (nowait) {
            // Without consume-ok the broker cannot tell us a generated tag: make one.
            if (tag.isEmpty()) {
                tag = "amqp-ra-" + UUID.randomUUID();
            }
            core.consumers.put(tag, entry);
            core.send(ClientMethods.basicConsume(queue, tag, noLocal, noAck, exclusive, true, arguments));
            return tag;
        }
        // Registered on the reader thread when consume-ok arrives, before the first delivery.
        Command c = core.rpcCall(
                ClientMethods.basicConsume(queue, tag, noLocal, noAck, exclusive, false, arguments),
                ok -> core.consumers.put(ok.method().str("consumer-tag"), entry),
                Methods.BASIC_CONSUME_OK);
        return c.method().str("consumer-tag");
    }

    @Override
    public void basicCancel(String consumerTag, boolean nowait) {
        if (nowait) {
            // Deliveries sent before the broker saw the cancel still reach the listener.
            core.send(ClientMethods.basicCancel(consumerTag, true));
            return;
        }
        core.rpcCall(
                ClientMethods.basicCancel(consumerTag, false),
                ok -> core.consumers.remove(consumerTag),
                Methods.BASIC_CANCEL_OK);
    }

    // ---- basic: settle ------------------------------------------------------------------

    @Override
    public void basicAck(long deliveryTag, boolean multiple) {
        // checked before the write lock: the ack is encoded without a method object
        FieldRanges.check("basic.ack", "delivery-tag", FieldType.LONGLONG, deliveryTag);
        core.ack(deliveryTag, multiple);
    }

    @Override
    public void basicNack(long deliveryTag, boolean multiple, boolean requeue) {
        core.send(ClientMethods.basicNack(deliveryTag, multiple, requeue));
    }

    @Override
    public void basicReject(long deliveryTag, boolean requeue) {
        core.send(ClientMethods.basicReject(deliveryTag, requeue));
    }

    @Override
    public void basicQos(int prefetchSize, int prefetchCount, boolean global) {
        core.call(ClientMethods.basicQos(prefetchSize, prefetchCount, global), false, Methods.BASIC_QOS_OK);
    }

    @Override
    public void basicRecover(boolean requeue) {
        core.call(ClientMethods.basicRecover(requeue), false, Methods.BASIC_RECOVER_OK);
    }

    @Override
    public void basicRecoverAsync(boolean requeue) {
        core.send(ClientMethods.basicRecoverAsync(requeue));
    }

    @Override
    public BlockingQueue<ReturnedMessage> returnedMessages() {
        return returned;
    }

    // ---- tx, confirm, flow --------------------------------------------------------------

    @Override
    public void txSelect() {
        core.txSelect();
    }

    @Override
    public void txCommit() {
        core.call(ClientMethods.txCommit(), false, Methods.TX_COMMIT_OK);
    }

    @Override
    public void txRollback() {
        core.call(ClientMethods.txRollback(), false, Methods.TX_ROLLBACK_OK);
    }

    @Override
    public void confirmSelect(boolean nowait) {
        core.confirmSelect(nowait);
    }

    @Override
    public void flow(boolean active) {
        if (!active) {
            throw new UnsupportedOperationException("channel.flow(active=false) from a client is refused by RabbitMQ "
                    + "since 3.3 with a connection error; use basicQos or cancel consumers instead");
        }
        core.call(ClientMethods.channelFlow(true), false, Methods.CHANNEL_FLOW_OK);
    }

    // ---- close --------------------------------------------------------------------------

    @Override
    public void close(int replyCode, String replyText, int classId, int methodId) {
        core.close(replyCode, replyText, classId, methodId, () -> core.conn.releaseChannel(this));
    }

    @Override
    public String toString() {
        return "Channel{" + core.id + ", " + core.state() + ", " + core.mode() + '}';
    }
}
