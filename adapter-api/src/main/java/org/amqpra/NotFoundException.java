package org.amqpra;

/**
 * 404 NOT_FOUND: the entity (queue, exchange) does not exist.
 */
public class NotFoundException extends IrrecoverableChannelException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 404;

    /** An error described by {@code info}. */
    public NotFoundException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public NotFoundException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
