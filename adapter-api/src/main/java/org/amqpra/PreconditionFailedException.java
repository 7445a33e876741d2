package org.amqpra;

/**
 * 406 PRECONDITION_FAILED: a precondition failed, for example redeclaring with other arguments.
 */
public class PreconditionFailedException extends IrrecoverableChannelException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 406;

    /** An error described by {@code info}. */
    public PreconditionFailedException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public PreconditionFailedException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
