package org.amqpra;

/**
 * 402 INVALID_PATH: unknown virtual host.
 */
public class InvalidPathException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 402;

    /** An error described by {@code info}. */
    public InvalidPathException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public InvalidPathException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
