package org.amqpra;

/**
 * A channel error that will happen again if the same thing is retried.
 */
public class IrrecoverableChannelException extends ChannelException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code info}. */
    public IrrecoverableChannelException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public IrrecoverableChannelException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
