package org.amqpra;

/**
 * A mandatory publish could not be routed to any queue and the broker returned it
 * ({@code basic.return}). Fails the publish's confirm future; the message is also offered to
 * {@link Channel#returnedMessages()}.
 */
public class MessageReturnedException extends ChannelException {
    private static final long serialVersionUID = 1L;
    private final transient ReturnedMessage returned;

    /** The message {@code returned} came back on {@code channel}. */
    public MessageReturnedException(ReturnedMessage returned, int channel) {
        super(new ReplyInfo(returned.replyCode(), returned.replyText(), 60, 50, "basic.return", channel));
        this.returned = returned;
    }

    /** What the broker sent back. */
    public ReturnedMessage returned() {
        return returned;
    }
}
