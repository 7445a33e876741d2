package org.amqpra;

/**
 * A connection-level error: the whole connection is closed, every channel on it is gone. Also
 * used for reply codes that have no class of their own.
 */
public class ConnectionException extends AmqpException {
    private static final long serialVersionUID = 1L;

    /** A connection error described by {@code info}. */
    public ConnectionException(ReplyInfo info) {
        super(info);
    }

    /** A connection error described by {@code info}, caused by {@code cause}. */
    public ConnectionException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
