package org.amqpra;

/**
 * The broker refused the credentials (403 ACCESS_REFUSED on connection.close during the handshake).
 */
public class AuthenticationFailureException extends IrrecoverableConnectionException {
    private static final long serialVersionUID = 1L;

    /** The AMQP reply code of this error. */
    public static final int REPLY_CODE = 403;

    /** An error described by {@code info}. */
    public AuthenticationFailureException(ReplyInfo info) {
        super(info);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public AuthenticationFailureException(ReplyInfo info, Throwable cause) {
        super(info, cause);
    }
}
