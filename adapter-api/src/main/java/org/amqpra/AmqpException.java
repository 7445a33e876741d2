package org.amqpra;

/**
 * Root of every error the client raises. Unchecked, as in amqpy. Carries the AMQP reply code and
 * text, the failing method's class and method id, and the channel id (see {@link ReplyInfo}).
 */
public class AmqpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ReplyInfo info;

    /** An error described by {@code info}. */
    public AmqpException(ReplyInfo info) {
        this(info, null);
    }

    /** An error described by {@code info}, caused by {@code cause}. */
    public AmqpException(ReplyInfo info, Throwable cause) {
        super(info.toString(), cause);
        this.info = info;
    }

    /** Everything known about the error. */
    public ReplyInfo info() {
        return info;
    }

    /** AMQP reply code, 0 for a local error without one. */
    public int replyCode() {
        return info.replyCode();
    }

    /** The broker's reply text or the description of a local error. */
    public String replyText() {
        return info.replyText();
    }

    /** Class id of the method that failed, 0 if none. */
    public int classId() {
        return info.classId();
    }

    /** Method id of the method that failed, 0 if none. */
    public int methodId() {
        return info.methodId();
    }

    /** Channel the error happened on, 0 for the connection. */
    public int channelId() {
        return info.channelId();
    }
}
