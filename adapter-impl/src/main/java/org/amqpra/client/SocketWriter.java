package org.amqpra.client;

import java.io.IOException;
import org.amqpra.wire.Frame;

/**
 * Puts bytes on the transport in writes of whole TCP segments ({@link SegmentSizing}), and
 * times each write on the {@link WriteClock} for the heartbeat monitor's stall watchdog.
 *
 * <p>Owns no lock: every method is called with the frame output's socket lock held.
 */
final class SocketWriter {
    private static final byte[] FRAME_END = {(byte) Frame.FRAME_END};

    private final Transport transport;
    /** Most bytes per socket write (whole TCP segments); 0: no limit. */
    private final int writeSize;

    private final WriteClock clock;

    SocketWriter(Transport transport, int writeSize, WriteClock clock) {
        this.transport = transport;
        this.writeSize = writeSize;
        this.clock = clock;
    }

    /** Most bytes per socket write; 0: no limit. */
    int writeSize() {
        return writeSize;
    }

    /** Writes {@code b[0, len)} in whole segments, rather than the JDK's 128 KiB pieces. */
    void write(byte[] b, int len) throws IOException {
        clock.started();
        try {
            int off = 0;
            for (int piece = writeSize == 0 ? len : writeSize; len - off > piece; off += piece) {
                transport.write(b, off, piece);
            }
            transport.write(b, off, len - off);
        } finally {
            clock.ended();
        }
    }

    /**
     * Writes the first {@code limit} bytes of {@code head[0, headLen)}, {@code body[off, off+len)}
     * and a frame-end octet, in writes of whole segments staged in the transport: the body is
     * copied once, into the transport's buffer.
     */
    void writeFrame(byte[] head, int headLen, byte[] body, int off, int len, int limit) throws IOException {
        int piece = writeSize == 0 ? transport.stageCapacity() : Math.min(writeSize, transport.stageCapacity());
        int bodyEnd = headLen + len;
        clock.started();
        try {
            for (int pos = 0; pos < limit; ) {
                int end = Math.min(limit, pos + piece);
                if (pos < headLen) {
                    transport.stage(head, pos, Math.min(end, headLen) - pos);
                }
                int from = Math.max(pos, headLen);
                int to = Math.min(end, bodyEnd);
                if (to > from) {
                    transport.stage(body, off + from - headLen, to - from);
                }
                if (end > bodyEnd) {
                    transport.stage(FRAME_END, 0, 1);
                }
                transport.sendStaged();
                pos = end;
            }
        } finally {
            clock.ended();
        }
    }
}
