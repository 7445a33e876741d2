package org.amqpra;

/**
 * 505 UNEXPECTED_FRAME: a frame arrived where another was expected (for example inside content).
 */
public class UnexpectedFrameException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 505;

    /** An error described by {@code info}. */
    public UnexpectedFrameException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public UnexpectedFrameException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
