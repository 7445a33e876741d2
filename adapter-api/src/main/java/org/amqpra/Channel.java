package org.amqpra;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An AMQP channel: amqpy's {@code Channel} in camelCase. Short overloads carry amqpy's defaults;
 * the long overload of each method carries every protocol field. Safe for use by many threads.
 *
 * <p>Every synchronous method waits at most the connection's RPC timeout and then throws
 * {@link AmqpTimeoutException}. A channel error from the broker is thrown as the matching
 * {@link ChannelException}; the channel then re-opens itself on next use (amqpy semantics),
 * except in tx or confirm mode, where the error surfaces and the channel stays closed
 * ({@link ChannelClosedException}) because the transaction or the confirm stream is lost.
 *
 * <p>RabbitMQ notes: {@code immediate=true} and {@code flow(false)} are refused locally with
 * {@link UnsupportedOperationException} (RabbitMQ would close the connection); {@code noLocal}
 * is ignored by RabbitMQ. amqpy's defaults {@code durable=false, autoDelete=true} are kept; they
 * are a portability hazard on RabbitMQ 4, which refuses transient non-exclusive queues by default.
 */
public interface Channel extends AutoCloseable {

    /** The channel number. */
    int channelId();

    /** True while the channel is open or can re-open itself on next use. */
    boolean isOpen();

    /** The channel's mode (none, tx, confirm). */
    ChannelMode mode();

    /** False after the broker sent {@code channel.flow(active=false)}. */
    boolean isActive();

    /** The connection this channel belongs to (in a container: the connection handle). */
    AmqpConnection connection();

    // ---- exchange -----------------------------------------------------------------------

    /** {@code exchangeDeclare(exchange, type, false, false, true, false, null)}. */
    default void exchangeDeclare(String exchange, String type) {
        exchangeDeclare(exchange, type, false, false, true, false, null);
    }

    /** Declares (or with {@code passive} checks) an exchange. */
    void exchangeDeclare(
            String exchange,
            String type,
            boolean passive,
            boolean durable,
            boolean autoDelete,
            boolean nowait,
            Map<String, Object> arguments);

    /** {@code exchangeDelete(exchange, false, false)}. */
    default void exchangeDelete(String exchange) {
        exchangeDelete(exchange, false, false);
    }

    /** Deletes an exchange. */
    void exchangeDelete(String exchange, boolean ifUnused, boolean nowait);

    /** Binds exchange {@code destination} to exchange {@code source} (RabbitMQ extension). */
    default void exchangeBind(String destination, String source, String routingKey) {
        exchangeBind(destination, source, routingKey, false, null);
    }

    /** Binds exchange to exchange with every field. */
    void exchangeBind(
            String destination, String source, String routingKey, boolean nowait, Map<String, Object> arguments);

    /** Removes an exchange-to-exchange binding. */
    default void exchangeUnbind(String destination, String source, String routingKey) {
        exchangeUnbind(destination, source, routingKey, false, null);
    }

    /** Removes an exchange-to-exchange binding with every field. */
    void exchangeUnbind(
            String destination, String source, String routingKey, boolean nowait, Map<String, Object> arguments);

    // ---- queue --------------------------------------------------------------------------

    /** Declares a server-named, non-durable, exclusive, auto-delete queue. */
    default QueueDeclareOk queueDeclare() {
        return queueDeclare("", false, false, true, true, false, null);
    }

    /** {@code queueDeclare(queue, false, false, false, true, false, null)}. */
    default QueueDeclareOk queueDeclare(String queue) {
        return queueDeclare(queue, false, false, false, true, false, null);
    }

    /** Declares (or with {@code passive} checks) a queue; returns null when {@code nowait}. */
    QueueDeclareOk queueDeclare(
            String queue,
            boolean passive,
            boolean durable,
            boolean exclusive,
            boolean autoDelete,
            boolean nowait,
            Map<String, Object> arguments);

    /** Binds a queue to an exchange. */
    default void queueBind(String queue, String exchange, String routingKey) {
        queueBind(queue, exchange, routingKey, false, null);
    }

    /** Binds a queue to an exchange with every field. */
    void queueBind(String queue, String exchange, String routingKey, boolean nowait, Map<String, Object> arguments);

    /** Removes a queue binding. */
    default void queueUnbind(String queue, String exchange, String routingKey) {
        queueUnbind(queue, exchange, routingKey, null);
    }

    /** Removes a queue binding with its arguments ({@code queue.unbind} has no nowait). */
    void queueUnbind(String queue, String exchange, String routingKey, Map<String, Object> arguments);

    /**
     * Purges the queue last declared on this channel (amqpy's {@code queue_purge()}: queue
     * {@code ''}, which RabbitMQ resolves to the channel's last declared queue).
     */
    default long queuePurge() {
        return queuePurge("");
    }

    /** Purges a queue and returns the number of messages removed. */
    default long queuePurge(String queue) {
        return queuePurge(queue, false);
    }

    /** Purges a queue; returns -1 when {@code nowait}. */
    long queuePurge(String queue, boolean nowait);

    /** Deletes the queue last declared on this channel (amqpy's {@code queue_delete()}, queue {@code ''}). */
    default long queueDelete() {
        return queueDelete("");
    }

    /** Deletes a queue and returns the number of messages deleted. */
    default long queueDelete(String queue) {
        return queueDelete(queue, false, false, false);
    }

    /** Deletes a queue; returns -1 when {@code nowait}. */
    long queueDelete(String queue, boolean ifUnused, boolean ifEmpty, boolean nowait);

    // ---- basic --------------------------------------------------------------------------

    /**
     * Publishes a message. In confirm mode this waits for the broker's ack (amqpy), at most the
     * RPC timeout, throwing {@link MessageNackedException} on a nack,
     * {@link MessageReturnedException} when a mandatory publish was returned, and
     * {@link PublishOutcomeUnknownException} when no answer came (the connection ended, the
     * timeout passed); use {@link #basicPublishAsync} to pipeline.
     */
    default void basicPublish(Message message, String exchange, String routingKey) {
        basicPublish(message, exchange, routingKey, false, false);
    }

    /** Publishes with every field; {@code immediate=true} is refused (RabbitMQ does not support it). */
    void basicPublish(Message message, String exchange, String routingKey, boolean mandatory, boolean immediate);

    /**
     * Publishes in confirm mode without waiting. The future completes when the broker acks
     * (also through a {@code multiple} ack) and fails with {@link MessageNackedException} on a
     * nack, with {@link MessageReturnedException} when a mandatory publish was returned, or with
     * the channel's or connection's error if it closes first (then the broker may or may not
     * have the message).
     *
     * @throws IllegalStateException if the channel is not in confirm mode
     */
    CompletableFuture<Void> basicPublishAsync(Message message, String exchange, String routingKey, boolean mandatory);

    /** {@link #basicPublishAsync(Message, String, String, boolean)}, not mandatory. */
    default CompletableFuture<Void> basicPublishAsync(Message message, String exchange, String routingKey) {
        return basicPublishAsync(message, exchange, routingKey, false);
    }

    /**
     * Waits until every publish made so far in confirm mode is acked or nacked.
     *
     * @return true when all were acked, false if any was nacked or returned
     * @throws AmqpTimeoutException when {@code timeout} passes first
     */
    boolean waitForConfirms(Duration timeout);

    /**
     * Waits until fewer than {@code window} publishes made in confirm mode are neither acked nor
     * nacked. A publisher that calls this before each {@link #basicPublishAsync} keeps at most
     * {@code window} in flight. A publisher that finds the window full waits on until it is a
     * quarter empty (fewer than {@code window - window / 4} unsettled), so that it publishes in
     * batches rather than a few messages per ack frame from the broker; it is woken by the ack
     * or nack frame that brings the count there, not once per future. Returns at once when the
     * channel has closed (the next publish reports why).
     *
     * @throws IllegalArgumentException if {@code window} is less than 1
     * @throws IllegalStateException if the channel is not in confirm mode
     * @throws AmqpTimeoutException when {@code timeout} passes first
     */
    void awaitConfirmWindow(int window, Duration timeout);

    /** Gets one message from the queue last declared on this channel (amqpy's {@code basic_get()}, queue {@code ''}). */
    default Message basicGet() {
        return basicGet("");
    }

    /** Gets one message from a queue (acknowledgement expected), or null when it is empty. */
    default Message basicGet(String queue) {
        return basicGet(queue, false);
    }

    /** Gets one message, or null when the queue is empty. */
    Message basicGet(String queue, boolean noAck);

    /** Starts a consumer with a server-generated tag and manual acknowledgement; returns the tag. */
    default String basicConsume(String queue, AmqpMessageListener listener) {
        return basicConsume(queue, "", false, false, false, false, listener, null, null);
    }

    /**
     * Starts a consumer with every field.
     *
     * @param onCancel called with the consumer tag when the broker cancels the consumer (for
     *                 example its queue was deleted); when null, the cancellation is raised as a
     *                 {@link ConsumerCancelledException} from {@link AmqpConnection#drainEvents}
     * @return the consumer tag
     */
    String basicConsume(
            String queue,
            String consumerTag,
            boolean noLocal,
            boolean noAck,
            boolean exclusive,
            boolean nowait,
            AmqpMessageListener listener,
            Map<String, Object> arguments,
            Consumer<String> onCancel);

    /** Cancels a consumer. */
    default void basicCancel(String consumerTag) {
        basicCancel(consumerTag, false);
    }

    /** Cancels a consumer, optionally without waiting for cancel-ok. */
    void basicCancel(String consumerTag, boolean nowait);

    /** Acknowledges one delivery. */
    default void basicAck(long deliveryTag) {
        basicAck(deliveryTag, false);
    }

    /** Acknowledges one delivery, or with {@code multiple} all up to and including it (0: all). */
    void basicAck(long deliveryTag, boolean multiple);

    /** Negatively acknowledges (RabbitMQ extension that amqpy lacks). */
    void basicNack(long deliveryTag, boolean multiple, boolean requeue);

    /** Rejects one delivery. */
    void basicReject(long deliveryTag, boolean requeue);

    /** Sets prefetch limits; {@code global} applies to the connection (channel on RabbitMQ 3.3+). */
    void basicQos(int prefetchSize, int prefetchCount, boolean global);

    /** Redelivers unacknowledged messages and waits for recover-ok. */
    void basicRecover(boolean requeue);

    /** Deprecated asynchronous form of recover (no reply expected). */
    void basicRecoverAsync(boolean requeue);

    /** Messages returned by the broker ({@code basic.return}), oldest first. */
    BlockingQueue<ReturnedMessage> returnedMessages();

    // ---- tx and confirm -----------------------------------------------------------------

    /** Puts the channel in transaction mode (refused by the broker in confirm mode). */
    void txSelect();

    /** Commits the publishes and acks of the current transaction. */
    void txCommit();

    /** Abandons the publishes and acks of the current transaction. */
    void txRollback();

    /** Puts the channel in confirm mode (refused by the broker in tx mode). */
    default void confirmSelect() {
        confirmSelect(false);
    }

    /** Puts the channel in confirm mode, optionally without waiting for select-ok. */
    void confirmSelect(boolean nowait);

    /**
     * Asks the broker to start ({@code true}) or stop content flow. RabbitMQ refuses
     * {@code false} with a connection error, so it is refused locally.
     */
    void flow(boolean active);

    // ---- close --------------------------------------------------------------------------

    /** Closes the channel normally (reply code 200). */
    @Override
    default void close() {
        close(200, "OK", 0, 0);
    }

    /** Closes the channel with a reason. */
    void close(int replyCode, String replyText, int classId, int methodId);
}
