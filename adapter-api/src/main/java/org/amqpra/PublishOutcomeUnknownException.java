package org.amqpra;

/**
 * A confirmed publish was written, but neither {@code basic.ack} nor {@code basic.nack} came
 * back: the connection broke or closed first, or the confirm did not arrive within the RPC
 * timeout. The broker may or may not hold the message. Publishing it again is safe when the
 * consumers tolerate a duplicate (RabbitMQ's at-least-once advice; de-duplicate by message id);
 * the {@linkplain #getCause() cause} says what ended the wait.
 */
public class PublishOutcomeUnknownException extends AmqpException {
    private static final long serialVersionUID = 1L;

    /** The wait for a confirm described by {@code info} ended without one, because of {@code cause}. */
    public PublishOutcomeUnknownException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
