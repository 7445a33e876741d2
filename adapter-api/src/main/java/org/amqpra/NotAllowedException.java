package org.amqpra;

/**
 * 530 NOT_ALLOWED: an operation the broker prohibits (for example a duplicate consumer tag).
 */
public class NotAllowedException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 530;

    /** An error described by {@code info}. */
    public NotAllowedException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public NotAllowedException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
