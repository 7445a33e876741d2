package org.amqpra.client;

import org.amqpra.Channel;
import org.amqpra.ChannelClosedException;
import org.amqpra.Envelope;
import org.amqpra.MessageAcknowledger;
import org.amqpra.ReplyInfo;

/**
 * Settles the messages of one channel generation and refuses those delivered before a re-open:
 * delivery tags are scoped to a channel's life (0-9-1 §1.8.3.13), so after the broker closed
 * and we re-opened the channel, an old tag would name another message, or none.
 */
final class ChannelAcknowledger implements MessageAcknowledger {
    private final ChannelImpl channel;
    private final ChannelCore core;
    private final int generation;

    ChannelAcknowledger(ChannelImpl channel, ChannelCore core, int generation) {
        this.channel = channel;
        this.core = core;
        this.generation = generation;
    }

    private void checkCurrent(Envelope e) {
        if (generation != core.generation()) {
            throw new ChannelClosedException(new ReplyInfo(
                    0,
                    "delivery tag " + e.deliveryTag()
                            + " belongs to channel " + core.id + " before it was re-opened; the broker has already "
                            + "requeued that message, and the tag now names another one",
                    0,
                    0,
                    "",
                    core.id));
        }
    }

    @Override
    public void ack(Envelope e, boolean multiple) {
        checkCurrent(e);
        core.ack(e.deliveryTag(), multiple);
    }

    @Override
    public void nack(Envelope e, boolean multiple, boolean requeue) {
        checkCurrent(e);
        channel.basicNack(e.deliveryTag(), multiple, requeue);
    }

    @Override
    public void reject(Envelope e, boolean requeue) {
        checkCurrent(e);
        channel.basicReject(e.deliveryTag(), requeue);
    }

    @Override
    public Channel channel() {
        return channel;
    }
}
