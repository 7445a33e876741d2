package org.amqpra;

/**
 * In confirm mode, the broker answered a publish with {@code basic.nack}: it did not take
 * responsibility for the message (for example a queue with {@code x-overflow=reject-publish}
 * was full). Republishing is the caller's decision.
 */
public class MessageNackedException extends ChannelException {
    private static final long serialVersionUID = 1L;
    private final long sequenceNumber;

    /** The publish with confirm sequence number {@code sequenceNumber} was nacked on {@code channel}. */
    public MessageNackedException(long sequenceNumber, int channel) {
        super(new ReplyInfo(0, "broker nacked publish #" + sequenceNumber, 60, 120, "basic.nack", channel));
        this.sequenceNumber = sequenceNumber;
    }

    /** The publish sequence number (1 for the first publish after confirm.select). */
    public long sequenceNumber() {
        return sequenceNumber;
    }
}
