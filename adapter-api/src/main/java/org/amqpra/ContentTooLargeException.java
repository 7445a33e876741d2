package org.amqpra;

/**
 * 311 CONTENT_TOO_LARGE: the content was larger than the broker could accept at the time.
 */
public class ContentTooLargeException extends RecoverableChannelException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 311;

    /** An error described by {@code info}. */
    public ContentTooLargeException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public ContentTooLargeException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
