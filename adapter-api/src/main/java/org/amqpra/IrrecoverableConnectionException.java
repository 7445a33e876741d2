package org.amqpra;

/**
 * A connection error that will happen again if the same thing is retried (protocol or programming error, bad configuration).
 */
public class IrrecoverableConnectionException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code info}. */
    public IrrecoverableConnectionException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public IrrecoverableConnectionException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
