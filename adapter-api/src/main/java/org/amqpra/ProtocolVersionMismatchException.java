package org.amqpra;

/**
 * The peer answered the protocol header with its own protocol header: it does not speak AMQP 0-9-1.
 */
public class ProtocolVersionMismatchException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code info}. */
    public ProtocolVersionMismatchException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public ProtocolVersionMismatchException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
