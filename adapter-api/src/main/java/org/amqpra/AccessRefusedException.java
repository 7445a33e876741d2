package org.amqpra;

/**
 * 403 ACCESS_REFUSED: no access to the entity, for example a name starting with {@code amq.}.
 */
public class AccessRefusedException extends IrrecoverableChannelException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 403;

    /** An error described by {@code info}. */
    public AccessRefusedException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public AccessRefusedException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
