package org.amqpra;

/**
 * 541 INTERNAL_ERROR: the broker failed internally.
 */
public class InternalErrorException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 541;

    /** An error described by {@code info}. */
    public InternalErrorException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public InternalErrorException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
