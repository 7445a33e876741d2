package org.amqpra.client;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.amqpra.wire.BodyFramer;
import org.amqpra.wire.Frame;
import org.amqpra.wire.FrameEncoder;
import org.amqpra.wire.WireWriter;

/**
 * Writes the body frames of a large publish straight from the caller's array, with what is
 * pending in front of them, and decides when a stream of large publishes may leave the partial
 * last TCP segment pending for the next one.
 *
 * <p>A body of {@link #SYNC_WRITE_BODY} or more is not copied into the pending buffer: the
 * pending bytes, each body frame's header, the body and the frame ends are staged in the
 * transport piece by piece, whole segments each ({@link SegmentSizing}), so a message is still
 * one socket write and its body is copied once in user space. Large publishes closer together
 * than {@link #LARGE_BURST_NANOS} are a stream: each writes only whole segments and leaves the
 * rest to the next one, or, when none follows within {@link #LINGER_NANOS}, to the writer thread
 * ({@link BurstFlusher}). The measurements behind these choices are in {@code bench/HISTORY.md}.
 *
 * <p>Owns no lock: {@link #continuesStream} is called with the frame output's buffer lock held,
 * {@link #writeFrames} with both its buffer lock and its socket lock held (so nothing can come
 * between the body frames, and no flush under way can be overtaken).
 */
final class LargeBodyWriter {
    /** A publish whose body is at least this large is written here, by the publishing thread. */
    static final int SYNC_WRITE_BODY = 32 * 1024;
    /** Large publishes closer together than this are a stream. */
    static final long LARGE_BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long the rest of a stream of large publishes may wait for the next publish. */
    static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final SocketWriter socket;
    /** Most bytes per socket write (whole TCP segments); 0: no limit. */
    private final int writeSize;
    /** When the last large publish was appended (written under the buffer lock). */
    private volatile long lastAppendNanos;

    LargeBodyWriter(SocketWriter socket) {
        this.socket = socket;
        this.writeSize = socket.writeSize();
    }

    /** Whether a body of this size is written here rather than through the pending buffer. */
    static boolean isLarge(int bodyLength) {
        return bodyLength >= SYNC_WRITE_BODY;
    }

    /** When the last large publish was appended: a lingering flush waits until this is old enough. */
    long lastAppendNanos() {
        return lastAppendNanos;
    }

    /**
     * Records a large publish now and answers whether it follows another closely enough to
     * leave a partial segment pending. Not while another thread's flush is under way (that one
     * takes the bytes, and this publish waits for it as usual), nor without a segment size or
     * a writer thread to finish the stream.
     */
    boolean continuesStream(boolean flushing, boolean lingerAvailable) {
        long now = System.nanoTime();
        boolean stream = now - lastAppendNanos < LARGE_BURST_NANOS;
        lastAppendNanos = now;
        return stream && writeSize > 0 && !flushing && lingerAvailable;
    }

    /**
     * Writes {@code pending} (the publish's method and header frames, and what others left
     * before it) and the body frames of {@code body}. A {@code stream} writes whole segments
     * only and leaves the rest, less than one segment from the end of the body, in
     * {@code pending} for the next write; otherwise {@code pending} is left empty.
     *
     * @return how many bytes were written
     */
    long writeFrames(WireWriter pending, int channel, byte[] body, long frameMax, boolean stream) throws IOException {
        int chunk = BodyFramer.frameBodySize(frameMax, body.length);
        long written = 0;
        for (int off = 0; off < body.length; off += chunk) {
            int len = Math.min(chunk, body.length - off);
            FrameEncoder.bodyHeader(pending, channel, len);
            int head = pending.position();
            int total = head + len + 1;
            int limit = total;
            if (stream && off + len == body.length) {
                int whole = total / writeSize * writeSize;
                if (whole > head) {
                    limit = whole; // the rest starts inside the body
                }
            }
            socket.writeFrame(pending.array(), head, body, off, len, limit);
            written += limit;
            pending.reset();
            if (limit < total) {
                int sent = limit - head;
                pending.bytes(body, off + sent, len - sent);
                pending.octet(Frame.FRAME_END);
            }
        }
        return written;
    }
}
