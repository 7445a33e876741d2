package org.amqpra;

/**
 * 502 SYNTAX_ERROR: a frame with illegal field values (unknown class or method, truncated arguments).
 */
public class FrameSyntaxErrorException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 502;

    /** An error described by {@code info}. */
    public FrameSyntaxErrorException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public FrameSyntaxErrorException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
