package org.amqpra;

/**
 * Receives messages: the callback of {@link Channel#basicConsume} and the listener interface of
 * message-driven beans.
 */
@FunctionalInterface
public interface AmqpMessageListener {
    /**
     * Handles one delivered message. Standalone, it runs on the thread that calls
     * {@link AmqpConnection#drainEvents} (or on the configured dispatch executor), never on the
     * connection's reader thread, so it may call blocking channel methods.
     *
     * @param message the delivery; ack it with {@link Message#ack()} unless consuming with no-ack
     */
    void onMessage(Message message);
}
