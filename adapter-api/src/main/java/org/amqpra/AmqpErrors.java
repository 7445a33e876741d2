package org.amqpra;

/**
 * The one place where reply codes become exception classes: a {@code channel.close} becomes a
 * {@link ChannelException} subclass, a {@code connection.close} a {@link ConnectionException}
 * subclass. Codes without a class of their own get the plain channel or connection exception.
 */
public final class AmqpErrors {
    private AmqpErrors() {}

    /** The exception for a {@code channel.close} received from the broker. */
    public static ChannelException forChannelClose(ReplyInfo info) {
        switch (info.replyCode()) {
            case 311:
                return new ContentTooLargeException(info);
            case 313:
                return new NoConsumersException(info);
            case 403:
                return new AccessRefusedException(info);
            case 404:
                return new NotFoundException(info);
            case 405:
                return new ResourceLockedException(info);
            case 406:
                return new PreconditionFailedException(info);
            default:
                return new ChannelException(info);
        }
    }

    /**
     * The exception for a {@code connection.close} received from the broker (or decided locally
     * for a protocol violation by the broker).
     */
    public static ConnectionException forConnectionClose(ReplyInfo info) {
        switch (info.replyCode()) {
            case 320:
                return new ConnectionForcedException(info);
            case 402:
                return new InvalidPathException(info);
            case 403:
                return new AuthenticationFailureException(info);
            case 501:
                return new FrameErrorException(info);
            case 502:
                return new FrameSyntaxErrorException(info);
            case 503:
                return new InvalidCommandException(info);
            case 504:
                return new ChannelNotOpenException(info);
            case 505:
                return new UnexpectedFrameException(info);
            case 506:
                return new ResourceErrorException(info);
            case 530:
                return new NotAllowedException(info);
            case 540:
                return new NotImplementedException(info);
            case 541:
                return new InternalErrorException(info);
            default:
                return new ConnectionException(info);
        }
    }
}
