package org.amqpra;

/**
 * The socket closed or the peer missed two heartbeat intervals: the connection is gone without a close handshake.
 */
public class ConnectionLostException extends RecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code info}. */
    public ConnectionLostException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public ConnectionLostException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
