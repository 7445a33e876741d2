package org.amqpra;

/**
 * A blocking call did not complete within its timeout. The operation's outcome is unknown; a
 * late reply to it is discarded and never handed to a later call.
 */
public class AmqpTimeoutException extends AmqpException {
    private static final long serialVersionUID = 1L;

    /** A timeout described by {@code info} (reply code 0). */
    public AmqpTimeoutException(ReplyInfo info) {
        super(info);
    }
}
