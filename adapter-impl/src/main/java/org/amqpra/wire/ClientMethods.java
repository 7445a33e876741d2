package org.amqpra.wire;

import java.util.Map;

/**
 * Typed factories for the methods a client sends. The deprecated {@code ticket} field of
 * 0-9-1 (always 0) and RabbitMQ's reserved fields (exchange.declare's {@code internal}, always
 * false for a client; channel.open's {@code out-of-band}, always empty) are written here and
 * nowhere else, and each argument is named by the parameter it comes from, so that a call site
 * cannot put a value in the wrong position of {@link Methods}' signatures.
 */
public final class ClientMethods {
    /** 0-9-1 §1.2: the access ticket is deprecated; clients send 0. */
    private static final int TICKET = 0;

    private ClientMethods() {}

    // ---- connection (channel 0) --------------------------------------------------------

    /** connection.start-ok. */
    public static AmqpMethod connectionStartOk(
            Map<String, Object> clientProperties, String mechanism, byte[] response, String locale) {
        return new AmqpMethod(Methods.CONNECTION_START_OK, clientProperties, mechanism, response, locale);
    }

    /** connection.tune-ok. */
    public static AmqpMethod connectionTuneOk(int channelMax, long frameMax, int heartbeat) {
        return new AmqpMethod(Methods.CONNECTION_TUNE_OK, channelMax, frameMax, heartbeat);
    }

    /** connection.open; {@code capabilities} and {@code insist} are reserved (empty, false). */
    public static AmqpMethod connectionOpen(String virtualHost) {
        return new AmqpMethod(Methods.CONNECTION_OPEN, virtualHost, "", false);
    }

    /** connection.close; class and method ids name the method that caused it, 0 if none. */
    public static AmqpMethod connectionClose(int replyCode, String replyText, int classId, int methodId) {
        return new AmqpMethod(Methods.CONNECTION_CLOSE, replyCode, replyText, classId, methodId);
    }

    /** connection.close-ok. */
    public static AmqpMethod connectionCloseOk() {
        return new AmqpMethod(Methods.CONNECTION_CLOSE_OK);
    }

    /** connection.update-secret (RabbitMQ extension). */
    public static AmqpMethod connectionUpdateSecret(byte[] newSecret, String reason) {
        return new AmqpMethod(Methods.CONNECTION_UPDATE_SECRET, newSecret, reason);
    }

    // ---- channel ------------------------------------------------------------------------

    /** channel.open; {@code out-of-band} is reserved (empty). */
    public static AmqpMethod channelOpen() {
        return new AmqpMethod(Methods.CHANNEL_OPEN, "");
    }

    /** channel.close. */
    public static AmqpMethod channelClose(int replyCode, String replyText, int classId, int methodId) {
        return new AmqpMethod(Methods.CHANNEL_CLOSE, replyCode, replyText, classId, methodId);
    }

    /** channel.close-ok. */
    public static AmqpMethod channelCloseOk() {
        return new AmqpMethod(Methods.CHANNEL_CLOSE_OK);
    }

    /** channel.flow. */
    public static AmqpMethod channelFlow(boolean active) {
        return new AmqpMethod(Methods.CHANNEL_FLOW, active);
    }

    /** channel.flow-ok. */
    public static AmqpMethod channelFlowOk(boolean active) {
        return new AmqpMethod(Methods.CHANNEL_FLOW_OK, active);
    }

    // ---- exchange -----------------------------------------------------------------------

    /** exchange.declare; {@code internal} is RabbitMQ's reserved bit, false for clients. */
    public static AmqpMethod exchangeDeclare(
            String exchange,
            String type,
            boolean passive,
            boolean durable,
            boolean autoDelete,
            boolean nowait,
            Map<String, Object> arguments) {
        boolean internal = false;
        return new AmqpMethod(
                Methods.EXCHANGE_DECLARE,
                TICKET,
                exchange,
                type,
                passive,
                durable,
                autoDelete,
                internal,
                nowait,
                arguments);
    }

    /** exchange.delete. */
    public static AmqpMethod exchangeDelete(String exchange, boolean ifUnused, boolean nowait) {
        return new AmqpMethod(Methods.EXCHANGE_DELETE, TICKET, exchange, ifUnused, nowait);
    }

    /** exchange.bind (RabbitMQ extension). */
    public static AmqpMethod exchangeBind(
            String destination, String source, String routingKey, boolean nowait, Map<String, Object> arguments) {
        return new AmqpMethod(Methods.EXCHANGE_BIND, TICKET, destination, source, routingKey, nowait, arguments);
    }

    /** exchange.unbind (RabbitMQ extension). */
    public static AmqpMethod exchangeUnbind(
            String destination, String source, String routingKey, boolean nowait, Map<String, Object> arguments) {
        return new AmqpMethod(Methods.EXCHANGE_UNBIND, TICKET, destination, source, routingKey, nowait, arguments);
    }

    // ---- queue --------------------------------------------------------------------------

    /** queue.declare. */
    public static AmqpMethod queueDeclare(
            String queue,
            boolean passive,
            boolean durable,
            boolean exclusive,
            boolean autoDelete,
            boolean nowait,
            Map<String, Object> arguments) {
        return new AmqpMethod(
                Methods.QUEUE_DECLARE, TICKET, queue, passive, durable, exclusive, autoDelete, nowait, arguments);
    }

    /** queue.bind. */
    public static AmqpMethod queueBind(
            String queue, String exchange, String routingKey, boolean nowait, Map<String, Object> arguments) {
        return new AmqpMethod(Methods.QUEUE_BIND, TICKET, queue, exchange, routingKey, nowait, arguments);
    }

    /** queue.unbind (has no nowait). */
    public static AmqpMethod queueUnbind(
            String queue, String exchange, String routingKey, Map<String, Object> arguments) {
        return new AmqpMethod(Methods.QUEUE_UNBIND, TICKET, queue, exchange, routingKey, arguments);
    }

    /** queue.purge. */
    public static AmqpMethod queuePurge(String queue, boolean nowait) {
        return new AmqpMethod(Methods.QUEUE_PURGE, TICKET, queue, nowait);
    }

    /** queue.delete. */
    public static AmqpMethod queueDelete(String queue, boolean ifUnused, boolean ifEmpty, boolean nowait) {
        return new AmqpMethod(Methods.QUEUE_DELETE, TICKET, queue, ifUnused, ifEmpty, nowait);
    }

    // ---- basic --------------------------------------------------------------------------

    /** basic.qos; {@code prefetchSize} is a long (octets), {@code prefetchCount} a short. */
    public static AmqpMethod basicQos(long prefetchSize, int prefetchCount, boolean global) {
        return new AmqpMethod(Methods.BASIC_QOS, prefetchSize, prefetchCount, global);
    }

    /** basic.consume. */
    public static AmqpMethod basicConsume(
            String queue,
            String consumerTag,
            boolean noLocal,
            boolean noAck,
            boolean exclusive,
            boolean nowait,
            Map<String, Object> arguments) {
        return new AmqpMethod(
                Methods.BASIC_CONSUME, TICKET, queue, consumerTag, noLocal, noAck, exclusive, nowait, arguments);
    }

    /** basic.cancel. */
    public static AmqpMethod basicCancel(String consumerTag, boolean nowait) {
        return new AmqpMethod(Methods.BASIC_CANCEL, consumerTag, nowait);
    }

    /** basic.cancel-ok, the answer to a cancel from the broker (RabbitMQ extension). */
    public static AmqpMethod basicCancelOk(String consumerTag) {
        return new AmqpMethod(Methods.BASIC_CANCEL_OK, consumerTag);
    }

    /** basic.get. */
    public static AmqpMethod basicGet(String queue, boolean noAck) {
        return new AmqpMethod(Methods.BASIC_GET, TICKET, queue, noAck);
    }

    /** basic.nack (RabbitMQ extension). */
    public static AmqpMethod basicNack(long deliveryTag, boolean multiple, boolean requeue) {
        return new AmqpMethod(Methods.BASIC_NACK, deliveryTag, multiple, requeue);
    }

    /** basic.reject. */
    public static AmqpMethod basicReject(long deliveryTag, boolean requeue) {
        return new AmqpMethod(Methods.BASIC_REJECT, deliveryTag, requeue);
    }

    /** basic.recover. */
    public static AmqpMethod basicRecover(boolean requeue) {
        return new AmqpMethod(Methods.BASIC_RECOVER, requeue);
    }

    /** basic.recover-async. */
    public static AmqpMethod basicRecoverAsync(boolean requeue) {
        return new AmqpMethod(Methods.BASIC_RECOVER_ASYNC, requeue);
    }

    // ---- tx, confirm ----------------------------------------------------------------------

    /** tx.select. */
    public static AmqpMethod txSelect() {
        return new AmqpMethod(Methods.TX_SELECT);
    }

    /** tx.commit. */
    public static AmqpMethod txCommit() {
        return new AmqpMethod(Methods.TX_COMMIT);
    }

    /** tx.rollback. */
    public static AmqpMethod txRollback() {
        return new AmqpMethod(Methods.TX_ROLLBACK);
    }

    /** confirm.select (RabbitMQ extension). */
    public static AmqpMethod confirmSelect(boolean nowait) {
        return new AmqpMethod(Methods.CONFIRM_SELECT, nowait);
    }
}
