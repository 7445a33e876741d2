package org.amqpra;

/**
 * The broker's answer to {@code queue.declare}.
 *
 * @param queue         queue name (the generated one when an empty name was declared)
 * @param messageCount  messages ready in the queue
 * @param consumerCount consumers on the queue
 */
public record QueueDeclareOk(String queue, long messageCount, long consumerCount) {}
