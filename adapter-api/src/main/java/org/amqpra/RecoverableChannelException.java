package org.amqpra;

/**
 * A channel error after which retrying later may succeed.
 */
public class RecoverableChannelException extends ChannelException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code info}. */
    public RecoverableChannelException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public RecoverableChannelException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
