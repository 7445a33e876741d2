package org.amqpra;

/**
 * 320 CONNECTION_FORCED: an operator or the broker's shutdown closed the connection.
 */
public class ConnectionForcedException extends RecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 320;

    /** An error described by {@code info}. */
    public ConnectionForcedException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public ConnectionForcedException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
