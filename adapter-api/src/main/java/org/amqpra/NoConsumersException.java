package org.amqpra;

/**
 * 313 NO_CONSUMERS: an immediate publish could not be delivered to a consumer.
 */
public class NoConsumersException extends RecoverableChannelException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 313;

    /** An error described by {@code info}. */
    public NoConsumersException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public NoConsumersException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
