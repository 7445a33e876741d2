package org.amqpra;

/**
 * 503 COMMAND_INVALID: an invalid sequence of frames or an invalid operation.
 */
public class InvalidCommandException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 503;

    /** An error described by {@code info}. */
    public InvalidCommandException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public InvalidCommandException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
