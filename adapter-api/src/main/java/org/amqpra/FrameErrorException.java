package org.amqpra;

/**
 * 501 FRAME_ERROR: a malformed frame (bad size, bad frame-end octet, oversized frame or body).
 */
public class FrameErrorException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 501;

    /** An error described by {@code info}. */
    public FrameErrorException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public FrameErrorException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
