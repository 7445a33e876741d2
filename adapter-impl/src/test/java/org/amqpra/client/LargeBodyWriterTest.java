package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.amqpra.wire.BodyFramer;
import org.amqpra.wire.WireWriter;
import org.junit.jupiter.api.Test;

class LargeBodyWriterTest {
    private static final int SEGMENTS = 65_483;
    private static final long FRAME_MAX = 131_072;

    private static byte[] body(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 13 + 1);
        }
        return b;
    }

    /** What the pending-buffer path would have written: the same bytes must go out. */
    private static byte[] expected(byte[] pending, byte[] body) {
        WireWriter w = new WireWriter(64);
        w.bytes(pending, 0, pending.length);
        BodyFramer.appendFrames(w, 3, body, FRAME_MAX);
        return Arrays.copyOf(w.array(), w.position());
    }

    private static WireWriter pending(byte[] front) {
        WireWriter w = new WireWriter(64);
        w.bytes(front, 0, front.length);
        return w;
    }

    @Test
    void writesThePendingBytesAndEveryBodyFrameInWholeSegments() throws IOException {
        RecordingTransport t = new RecordingTransport();
        LargeBodyWriter writer = new LargeBodyWriter(new SocketWriter(t, SEGMENTS, new WriteClock()));
        byte[] front = body(300);
        byte[] b = body(200_000);
        WireWriter buf = pending(front);
        long n = writer.writeFrames(buf, 3, b, FRAME_MAX, false);
        assertArrayEquals(expected(front, b), t.bytes());
        assertEquals(t.written(), n);
        assertEquals(0, buf.position());
        for (int size : t.writeSizes()) {
            assertTrue(size <= SEGMENTS, "a write of " + size);
        }
    }

    @Test
    void aStreamLeavesThePartialLastSegmentPending() throws IOException {
        RecordingTransport t = new RecordingTransport();
        LargeBodyWriter writer = new LargeBodyWriter(new SocketWriter(t, SEGMENTS, new WriteClock()));
        byte[] front = body(40);
        byte[] b = body(100_000);
        WireWriter buf = pending(front);
        long n = writer.writeFrames(buf, 3, b, FRAME_MAX, true);
        byte[] all = expected(front, b);
        assertEquals(all.length / SEGMENTS * SEGMENTS, n, "whole segments only");
        assertTrue(buf.position() > 0 && buf.position() < SEGMENTS);
        byte[] joined = Arrays.copyOf(t.bytes(), t.written() + buf.position());
        System.arraycopy(buf.array(), 0, joined, t.written(), buf.position());
        assertArrayEquals(all, joined, "written and pending together are the message");
    }

    @Test
    void onlyCloseLargePublishesWithASegmentSizeAndAWriterThreadAreAStream() {
        LargeBodyWriter writer =
                new LargeBodyWriter(new SocketWriter(new RecordingTransport(), SEGMENTS, new WriteClock()));
        assertFalse(writer.continuesStream(false, true), "the first is no stream");
        assertTrue(writer.continuesStream(false, true));
        assertFalse(writer.continuesStream(true, true), "a flush under way takes the bytes");
        assertFalse(writer.continuesStream(false, false), "nobody to write the rest");
        LargeBodyWriter unsized = new LargeBodyWriter(new SocketWriter(new RecordingTransport(), 0, new WriteClock()));
        unsized.continuesStream(false, true);
        assertFalse(unsized.continuesStream(false, true), "no segment size known");
        assertTrue(LargeBodyWriter.isLarge(LargeBodyWriter.SYNC_WRITE_BODY));
        assertFalse(LargeBodyWriter.isLarge(LargeBodyWriter.SYNC_WRITE_BODY - 1));
    }
}
