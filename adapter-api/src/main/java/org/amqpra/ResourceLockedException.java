package org.amqpra;

/**
 * 405 RESOURCE_LOCKED: another connection holds the entity, for example an exclusive queue.
 */
public class ResourceLockedException extends RecoverableChannelException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 405;

    /** An error described by {@code info}. */
    public ResourceLockedException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public ResourceLockedException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
