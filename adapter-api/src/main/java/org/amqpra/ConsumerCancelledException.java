package org.amqpra;

/**
 * The broker cancelled a consumer (its queue was deleted, for example) and no cancel callback was registered.
 */
public class ConsumerCancelledException extends ChannelException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code info}. */
    public ConsumerCancelledException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public ConsumerCancelledException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
