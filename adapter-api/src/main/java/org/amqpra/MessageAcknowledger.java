package org.amqpra;

/**
 * What a received {@link Message} calls to settle itself. Implemented by the client; an
 * implementation refuses to settle a message whose channel has been re-opened since delivery
 * (delivery tags restart on a re-opened channel, so the old tag would name another message).
 */
public interface MessageAcknowledger {
    /** {@code basic.ack} for this delivery. */
    void ack(Envelope envelope, boolean multiple);

    /** {@code basic.nack} for this delivery. */
    void nack(Envelope envelope, boolean multiple, boolean requeue);

    /** {@code basic.reject} for this delivery. */
    void reject(Envelope envelope, boolean requeue);

    /** The channel the message arrived on. */
    Channel channel();
}
