package org.amqpra;

/**
 * 506 RESOURCE_ERROR: the broker lacked the resources to complete the method.
 */
public class ResourceErrorException extends RecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 506;

    /** An error described by {@code info}. */
    public ResourceErrorException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public ResourceErrorException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
