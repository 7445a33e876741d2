package org.amqpra;

/**
 * Delivery information of a received message ({@code basic.deliver} or {@code basic.get-ok}).
 *
 * @param deliveryTag  channel-scoped tag used to ack, nack or reject
 * @param redelivered  true when the broker delivered this message before
 * @param exchange     exchange the message was published to
 * @param routingKey   routing key it was published with
 * @param consumerTag  consumer it was delivered to, null for {@code basic.get}
 * @param messageCount messages left in the queue after a {@code basic.get}, -1 for deliveries
 */
public record Envelope(
        long deliveryTag,
        boolean redelivered,
        String exchange,
        String routingKey,
        String consumerTag,
        long messageCount) {}
