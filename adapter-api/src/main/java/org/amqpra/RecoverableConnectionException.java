package org.amqpra;

/**
 * A connection error after which a new connection may succeed (operator intervention, resources, a lost socket).
 */
public class RecoverableConnectionException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code info}. */
    public RecoverableConnectionException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public RecoverableConnectionException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
