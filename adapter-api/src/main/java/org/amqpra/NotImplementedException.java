package org.amqpra;

/**
 * 540 NOT_IMPLEMENTED: functionality the broker does not implement (for example immediate publishing on RabbitMQ).
 */
public class NotImplementedException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 540;

    /** An error described by {@code info}. */
    public NotImplementedException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public NotImplementedException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
