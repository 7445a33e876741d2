package org.amqpra.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.amqpra.FrameErrorException;
import org.amqpra.ProtocolVersionMismatchException;
import org.amqpra.ReplyInfo;

/**
 * Reads frames from a stream. Before allocating a payload the declared size is checked against
 * the frame limit (negotiated frame_max, {@value Frame#MIN_FRAME_MAX} before tuning, or the
 * body cap when frame_max is 0 = unlimited). A wrong frame-end octet, an unknown frame type or an
 * oversized frame is a {@link FrameErrorException}; a peer that answers our protocol header with
 * its own ("AMQP" + version) is a {@link ProtocolVersionMismatchException}.
 *
 * <p>Reads block: the caller owns the thread (the connection's reader) and liveness is judged by
 * the heartbeat monitor, which closes the socket to unblock it. So a frame is never split by a
 * read timeout and the stream cannot desynchronise.
 */
public final class FrameReader {
    private final InputStream in;
    private final byte[] head = new byte[Frame.HEADER_SIZE];
    private volatile long maxPayload;
    private boolean first = true;

    /** A reader with the pre-tune limit of {@value Frame#MIN_FRAME_MAX}-byte frames. */
    public FrameReader(InputStream in) {
        this.in = in;
        this.maxPayload = Frame.MIN_FRAME_MAX - Frame.OVERHEAD;
    }

    /**
     * Sets the limit after tuning.
     *
     * @param frameMax  negotiated frame_max, 0 for unlimited
     * @param bodyLimit cap used when frame_max is unlimited
     */
    public void setFrameMax(long frameMax, long bodyLimit) {
        maxPayload = frameMax == 0 ? Math.min(bodyLimit, Integer.MAX_VALUE - 16) : frameMax - Frame.OVERHEAD;
    }

    /**
     * Reads the next frame.
     *
     * @throws EOFException when the stream ends between frames or inside one
     */
    public Frame read() throws IOException {
        readFully(head, 0, Frame.HEADER_SIZE);
        if (first) {
            first = false;
            if (head[0] == 'A' && head[1] == 'M' && head[2] == 'Q' && head[3] == 'P') {
                byte[] rest = new byte[1];
                readFully(rest, 0, 1);
                throw new ProtocolVersionMismatchException(ReplyInfo.local(0,
                        "server does not support AMQP 0-9-1: it answered with protocol header AMQP "
                                + head[4] + "-" + head[5] + "-" + head[6] + "-" + rest[0]));
            }
        }
        int type = head[0] & 0xFF;
        int channel = (head[1] & 0xFF) << 8 | (head[2] & 0xFF);
        long size = ((head[3] & 0xFFL) << 24) | ((head[4] & 0xFF) << 16) | ((head[5] & 0xFF) << 8) | (head[6] & 0xFF);
        if (type != Frame.METHOD && type != Frame.HEADER && type != Frame.BODY && type != Frame.HEARTBEAT) {
            throw frameError("unknown frame type " + type + " on channel " + channel);
        }
        if (size > maxPayload) {
            throw frameError("frame of " + size + " payload bytes on channel " + channel
                    + " exceeds the negotiated limit of " + maxPayload);
        }
        byte[] payload = new byte[(int) size];
        readFully(payload, 0, payload.length);
        int end = in.read();
        if (end < 0) {
            throw new EOFException("stream ended before frame-end octet");
        }
        if (end != Frame.FRAME_END) {
            throw frameError("bad frame-end octet 0x" + Integer.toHexString(end) + " (expected 0xce) after a frame of type "
                    + type + " on channel " + channel);
        }
        return new Frame(type, channel, payload);
    }

    private static FrameErrorException frameError(String text) {
        return new FrameErrorException(ReplyInfo.local(501, text));
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new EOFException("connection closed by peer");
            }
            off += n;
            len -= n;
        }
    }
}
