package org.amqpra;

/**
 * A message the broker returned with {@code basic.return} (a mandatory publish that no queue
 * took).
 *
 * @param replyCode  reason code, 312 NO_ROUTE usually
 * @param replyText  reason text
 * @param exchange   exchange the message was published to
 * @param routingKey routing key it was published with
 * @param message    the message, body and properties
 */
public record ReturnedMessage(int replyCode, String replyText, String exchange, String routingKey, Message message) {}
