package org.amqpra;

/**
 * The channel is closed (by the application, by a channel error in tx or confirm mode, or because its connection closed) and cannot be used.
 */
public class ChannelClosedException extends ChannelException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code info}. */
    public ChannelClosedException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public ChannelClosedException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
