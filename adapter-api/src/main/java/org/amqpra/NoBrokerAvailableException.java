package org.amqpra;

/**
 * None of a connection's addresses answered: the message names each address tried and why it
 * failed. A {@link ConnectionLostException}, so code that retries lost connections retries this.
 */
public class NoBrokerAvailableException extends ConnectionLostException {
    private static final long serialVersionUID = 1L;

    /** With the last address's failure as the cause. */
    public NoBrokerAvailableException(ReplyInfo info, Throwable lastFailure) {
        super(info, lastFailure);
    }
}
