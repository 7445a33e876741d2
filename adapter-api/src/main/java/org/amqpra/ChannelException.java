package org.amqpra;

/**
 * A channel-level error: the broker closed the channel, the connection stays open. Also used for
 * channel-close reply codes that have no class of their own.
 */
public class ChannelException extends AmqpException {
    private static final long serialVersionUID = 1L;

    /** A channel error described by {@code info}. */
    public ChannelException(ReplyInfo info) {
        super(info);
    }

    /** A channel error described by {@code info}, caused by {@code cause}. */
    public ChannelException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
