package org.amqpra.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import org.amqpra.FrameErrorException;
import org.amqpra.ProtocolVersionMismatchException;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private static byte[] frame(int type, int channel, long size, byte[] payload, int end) {
        WireWriter w = new WireWriter(16);
        w.octet(type);
        w.short16(channel);
        w.int32((int) size);
        w.bytes(payload, 0, payload.length);
        w.octet(end);
        return w.toByteArray();
    }

    private static FrameReader reader(byte[] bytes) {
        return new FrameReader(new ByteArrayInputStream(bytes));
    }

    @Test
    void readsAWellFormedFrame() throws Exception {
        Frame f = reader(frame(Frame.BODY, 7, 3, new byte[] {1, 2, 3}, 0xCE)).read();
        assertEquals(Frame.BODY, f.type());
        assertEquals(7, f.channel());
        assertArrayEquals(new byte[] {1, 2, 3}, f.payload());
    }

    @Test
    void wrongFrameEndOctetIsFrameError() {
        assertThrows(
                FrameErrorException.class,
                () -> reader(frame(Frame.BODY, 1, 1, new byte[] {1}, 0x00)).read());
    }

    @Test
    void frameLargerThanPreTuneLimitIsRefusedBeforeAllocating() {
        // announces 2 GiB; only the header is present. Must fail on the size, not try to allocate or read.
        FrameErrorException e = assertThrows(
                FrameErrorException.class,
                () -> reader(frame(Frame.BODY, 1, 0x7FFFFFF0L, new byte[0], 0xCE))
                        .read());
        assertTrue(e.getMessage().contains("exceeds"));
    }

    @Test
    void negotiatedFrameMaxIsEnforced() {
        FrameReader r = reader(frame(Frame.BODY, 1, 5000, new byte[5000], 0xCE));
        r.setFrameMax(4096, 1 << 20);
        assertThrows(FrameErrorException.class, r::read);
        FrameReader ok = reader(frame(Frame.BODY, 1, 5000, new byte[5000], 0xCE));
        ok.setFrameMax(0, 1 << 20); // 0 = unlimited, capped by the body limit
        assertEquals(5000, assertDoesNotThrowRead(ok).payload().length);
    }

    private static Frame assertDoesNotThrowRead(FrameReader r) {
        try {
            return r.read();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sizeWithHighBitIsRefusedNotNegative() {
        FrameReader r = reader(frame(Frame.BODY, 1, 0xFFFFFFFFL, new byte[0], 0xCE));
        r.setFrameMax(0, Long.MAX_VALUE);
        assertThrows(FrameErrorException.class, r::read);
    }

    @Test
    void unknownFrameTypeIsFrameError() {
        assertThrows(
                FrameErrorException.class,
                () -> reader(frame(5, 0, 0, new byte[0], 0xCE)).read());
    }

    @Test
    void protocolHeaderAnswerIsVersionMismatch() {
        ProtocolVersionMismatchException e = assertThrows(
                ProtocolVersionMismatchException.class,
                () -> reader(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0}).read());
        assertTrue(e.getMessage().contains("AMQP 0-1-0-0"), e.getMessage());
    }

    @Test
    void truncatedStreamIsEof() {
        byte[] f = frame(Frame.BODY, 1, 10, new byte[10], 0xCE);
        byte[] cut = java.util.Arrays.copyOf(f, 9);
        assertThrows(EOFException.class, () -> reader(cut).read());
    }
}
