package org.amqpra;

/**
 * 504 CHANNEL_ERROR: work on a channel that was not correctly opened.
 */
public class ChannelNotOpenException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 504;

    /** An error described by {@code info}. */
    public ChannelNotOpenException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public ChannelNotOpenException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
