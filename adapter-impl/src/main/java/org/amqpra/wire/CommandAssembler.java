package org.amqpra.wire;

import org.amqpra.FrameErrorException;
import org.amqpra.ReplyInfo;
import org.amqpra.UnexpectedFrameException;

/**
 * Reassembles the frames of one channel into commands. A state machine: expecting a method; after
 * a content-bearing method, expecting its header; then body frames until the announced size.
 * Frames of different channels may interleave, so there is one assembler per channel.
 *
 * <p>Violations end the connection: a non-body frame inside content or a body frame outside it is
 * {@link UnexpectedFrameException} (RabbitMQ's own rule), a header whose class differs from its
 * method's is {@link UnexpectedFrameException}, a body size over the cap or body frames longer
 * than announced are {@link FrameErrorException}. The body array is allocated once, after the
 * header's size was checked against the cap, and the body frames are copied into it from the
 * reader's buffer.
 */
public final class CommandAssembler {
    private final long maxBodySize;
    private final ShortStringCache strings = new ShortStringCache();
    private AmqpMethod method;
    private ContentHeader header;
    private byte[] body;
    private int filled;

    /** An assembler refusing bodies larger than {@code maxBodySize} bytes. */
    public CommandAssembler(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    /**
     * Feeds one frame (method, header or body; heartbeats never reach here).
     *
     * @return the completed command, or null if more frames are needed
     */
    public Command handle(Frame f) {
        FrameView v = new FrameView();
        v.set(f.type(), f.channel(), f.payload(), 0, f.payload().length);
        return handle(v);
    }

    /**
     * Feeds one frame read in place (the reader's hot path: method and header payloads are
     * decoded from the reader's buffer, only bodies are copied).
     *
     * @return the completed command, or null if more frames are needed
     */
    public Command handle(FrameView f) {
        switch (f.type()) {
            case Frame.METHOD: {
                if (method != null) {
                    throw unexpected(
                            "method frame on channel " + f.channel() + " while expecting content of " + method.spec());
                }
                AmqpMethod m = MethodCodec.decode(f.reader().withStrings(strings));
                if (!m.spec().hasContent()) {
                    return new Command(m, null, null);
                }
                method = m;
                return null;
            }
            case Frame.HEADER: {
                if (method == null || header != null) {
                    throw unexpected(
                            "content header frame on channel " + f.channel() + " without a content-bearing method");
                }
                ContentHeader h = ContentHeaderCodec.decode(f.reader().withStrings(strings));
                if (h.classId() != method.spec().classId()) {
                    throw unexpected("content header of class " + h.classId() + " follows " + method.spec());
                }
                if (h.bodySize() > maxBodySize) {
                    throw new FrameErrorException(ReplyInfo.local(
                            501,
                            "content body of " + h.bodySize() + " bytes exceeds the limit of " + maxBodySize
                                    + " bytes"));
                }
                if (h.bodySize() == 0) {
                    return finish(h, new byte[0]);
                }
                header = h;
                body = null; // allocated on the first body frame, unless that frame is the whole body
                filled = 0;
                return null;
            }
            case Frame.BODY: {
                if (header == null) {
                    throw unexpected("body frame on channel " + f.channel() + " outside content");
                }
                int len = f.length();
                long size = header.bodySize();
                if (len > size - filled) {
                    throw new FrameErrorException(ReplyInfo.local(
                            501, "content body longer than the " + size + " bytes its header announced"));
                }
                if (body == null) {
                    body = new byte[(int) size];
                }
                System.arraycopy(f.buffer(), f.offset(), body, filled, len);
                filled += len;
                return filled == size ? finish(header, body) : null;
            }
            default:
                throw unexpected("frame type " + f.type() + " cannot be assembled");
        }
    }

    private Command finish(ContentHeader h, byte[] b) {
        Command c = new Command(method, h, b);
        method = null;
        header = null;
        body = null;
        filled = 0;
        return c;
    }

    private static UnexpectedFrameException unexpected(String text) {
        return new UnexpectedFrameException(ReplyInfo.local(505, text));
    }
}
