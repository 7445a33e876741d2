package org.amqpra;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * amqpy's {@code AbstractConsumer}: subclass, implement {@link #run(Message)}, then
 * {@link #declare()} to start consuming. Messages arrive through
 * {@link AmqpConnection#drainEvents} (or the dispatch executor).
 */
public abstract class AbstractConsumer {
    private final Channel channel;
    private final String queue;
    private final String requestedTag;
    private final boolean noAck;
    private final boolean exclusive;
    private final Map<String, Object> arguments;
    private final AtomicLong consumed = new AtomicLong();
    private volatile String consumerTag;
    private volatile boolean cancelled;

    /** A consumer of {@code queue} with manual acknowledgement and a server-generated tag. */
    protected AbstractConsumer(Channel channel, String queue) {
        this(channel, queue, "", false, false, null);
    }

    /** A consumer with every option of {@code basic.consume}. */
    protected AbstractConsumer(
            Channel channel,
            String queue,
            String consumerTag,
            boolean noAck,
            boolean exclusive,
            Map<String, Object> arguments) {
        this.channel = channel;
        this.queue = queue;
        this.requestedTag = consumerTag == null ? "" : consumerTag;
        this.noAck = noAck;
        this.exclusive = exclusive;
        this.arguments = arguments;
    }

    /** Handles one message. */
    public abstract void run(Message message);

    /** Called when the broker cancels this consumer; the default records it. */
    public void onCancel(String consumerTag) {
        cancelled = true;
    }

    /** Starts consuming ({@code basic.consume}); returns the consumer tag. */
    public String declare() {
        consumerTag = channel.basicConsume(
                queue, requestedTag, false, noAck, exclusive, false, this::consume, arguments, this::onCancel);
        return consumerTag;
    }

    private void consume(Message message) {
        consumed.incrementAndGet();
        run(message);
    }

    /** How many messages were handed to {@link #run(Message)} (amqpy's {@code consume_count}). */
    public long consumeCount() {
        return consumed.get();
    }

    /** Stops consuming ({@code basic.cancel}). */
    public void cancel() {
        String tag = consumerTag;
        if (tag != null) {
            channel.basicCancel(tag);
            cancelled = true;
        }
    }

    /** The channel consumed on. */
    public Channel channel() {
        return channel;
    }

    /** The queue consumed from. */
    public String queue() {
        return queue;
    }

    /** The consumer tag once declared, else null. */
    public String consumerTag() {
        return consumerTag;
    }

    /** True after {@link #cancel()} or a broker cancellation. */
    public boolean isCancelled() {
        return cancelled;
    }
}
