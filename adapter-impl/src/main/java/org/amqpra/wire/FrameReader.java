package org.amqpra.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.amqpra.FrameErrorException;
import org.amqpra.ProtocolVersionMismatchException;
import org.amqpra.ReplyInfo;

/**
 * Reads frames from a stream into its own buffer. Before the buffer grows for a payload, the
 * declared size is checked against the frame limit (negotiated frame_max, {@value Frame#MIN_FRAME_MAX}
 * before tuning, or the body cap when frame_max is 0 = unlimited). A wrong frame-end octet, an
 * unknown frame type or an oversized frame is a {@link FrameErrorException}; a peer that answers
 * our protocol header with its own ("AMQP" + version) is a {@link ProtocolVersionMismatchException}.
 *
 * <p>Reads block: the caller owns the thread (the connection's reader) and liveness is judged by
 * the heartbeat monitor, which closes the socket to unblock it. So a frame is never split by a
 * read timeout and the stream cannot desynchronise.
 */
public final class FrameReader {
    private static final int INITIAL_BUFFER = 64 * 1024;
    private static final int SHRINK_ABOVE = 4 * 1024 * 1024;
    private final InputStream in;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int lim;
    private volatile long maxPayload;
    private boolean first = true;
    private final FrameView scratch = new FrameView();
    private Runnable beforeStreamRead = () -> {};

    /** A reader with the pre-tune limit of {@value Frame#MIN_FRAME_MAX}-byte frames. */
    public FrameReader(InputStream in) {
        this.in = in;
        this.maxPayload = Frame.MIN_FRAME_MAX - Frame.OVERHEAD;
    }

    /**
     * Sets what runs before each read from the stream, that is once every frame already
     * received has been handed out and the next read may block: the reader thread's moment to
     * pass on work it has batched (the connection wakes its event waiters there).
     */
    public void setBeforeStreamRead(Runnable hook) {
        this.beforeStreamRead = hook;
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
     * Reads the next frame as a standalone copy.
     *
     * @throws EOFException when the stream ends between frames or inside one
     */
    public Frame read() throws IOException {
        read(scratch);
        return scratch.toFrame();
    }

    /**
     * Reads the next frame into {@code view}, pointing into this reader's buffer: valid until
     * the next call.
     *
     * @throws EOFException when the stream ends between frames or inside one
     */
    public void read(FrameView view) throws IOException {
        if (buf.length > SHRINK_ABOVE && lim - pos <= INITIAL_BUFFER) {
            // a huge frame (frame_max 0) grew the buffer: give the memory back
            byte[] small = new byte[INITIAL_BUFFER];
            System.arraycopy(buf, pos, small, 0, lim - pos);
            buf = small;
            lim -= pos;
            pos = 0;
        }
        ensure(Frame.HEADER_SIZE);
        if (first) {
            first = false;
            if (buf[pos] == 'A' && buf[pos + 1] == 'M' && buf[pos + 2] == 'Q' && buf[pos + 3] == 'P') {
                ensure(8);
                throw new ProtocolVersionMismatchException(ReplyInfo.local(
                        0,
                        "server does not support AMQP 0-9-1: it answered with protocol header AMQP " + buf[pos + 4]
                                + "-" + buf[pos + 5] + "-" + buf[pos + 6] + "-" + buf[pos + 7]));
            }
        }
        int type = buf[pos] & 0xFF;
        int channel = (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF);
        long size = ((buf[pos + 3] & 0xFFL) << 24)
                | ((buf[pos + 4] & 0xFF) << 16)
                | ((buf[pos + 5] & 0xFF) << 8)
                | (buf[pos + 6] & 0xFF);
        if (type != Frame.METHOD && type != Frame.HEADER && type != Frame.BODY && type != Frame.HEARTBEAT) {
            throw frameError("unknown frame type " + type + " on channel " + channel);
        }
        if (size > maxPayload) {
            throw frameError("frame of " + size + " payload bytes on channel " + channel
                    + " exceeds the negotiated limit of " + maxPayload);
        }
        int total = Frame.HEADER_SIZE + (int) size + 1;
        ensure(total);
        int end = buf[pos + total - 1] & 0xFF;
        if (end != Frame.FRAME_END) {
            throw frameError("bad frame-end octet 0x" + Integer.toHexString(end)
                    + " (expected 0xce) after a frame of type " + type + " on channel " + channel);
        }
        view.set(type, channel, buf, pos + Frame.HEADER_SIZE, (int) size);
        pos += total;
    }

    private static FrameErrorException frameError(String text) {
        return new FrameErrorException(ReplyInfo.local(501, text));
    }

    /** Makes {@code buf[pos, pos+n)} hold the next {@code n} bytes of the stream. */
    private void ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return;
        }
        if (pos + n > buf.length) {
            byte[] target = n > buf.length ? new byte[Math.max(n, buf.length * 2)] : buf;
            System.arraycopy(buf, pos, target, 0, lim - pos);
            buf = target;
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n) {
            beforeStreamRead.run();
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                throw new EOFException(lim == pos ? "connection closed by peer" : "connection closed inside a frame");
            }
            lim += r;
        }
    }
}
