package org.amqpra.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BodyFramerTest {
    @Test
    void aBodyFrameCarriesFrameMaxMinusEightOctets() {
        assertEquals(4088, BodyFramer.frameBodySize(4096, 100_000));
        assertEquals(131_064, BodyFramer.frameBodySize(131_072, 10));
    }

    @Test
    void frameMaxZeroMeansOneFrameForTheWholeBody() {
        assertEquals(100_000, BodyFramer.frameBodySize(0, 100_000));
        assertEquals(1, BodyFramer.frameCount(0, 100_000));
        assertEquals(1, BodyFramer.frameBodySize(0, 0), "never a zero step");
    }

    @Test
    void anEmptyBodyHasNoBodyFrame() {
        WireWriter w = new WireWriter(16);
        BodyFramer.appendFrames(w, 1, new byte[0], 4096);
        assertEquals(0, w.position());
        assertEquals(0, BodyFramer.frameCount(4096, 0));
    }

    @Test
    void framesSplitAtTheLimitAndCarryTheBodyInOrder() {
        byte[] body = new byte[10_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7);
        }
        WireWriter w = new WireWriter(64);
        BodyFramer.appendFrames(w, 5, body, 4096);
        assertEquals(3, BodyFramer.frameCount(4096, body.length));
        ByteBuffer in = ByteBuffer.wrap(w.array(), 0, w.position());
        ByteBuffer joined = ByteBuffer.allocate(body.length);
        int[] sizes = {4088, 4088, 1824};
        for (int size : sizes) {
            assertEquals(Frame.BODY, in.get());
            assertEquals(5, in.getShort());
            assertEquals(size, in.getInt());
            byte[] part = new byte[size];
            in.get(part);
            joined.put(part);
            assertEquals((byte) Frame.FRAME_END, in.get());
        }
        assertEquals(0, in.remaining());
        assertArrayEquals(body, joined.array());
    }

    @Test
    void aBodyOfExactlyOneFrameIsOneFrame() {
        assertEquals(1, BodyFramer.frameCount(4096, 4088));
        assertEquals(2, BodyFramer.frameCount(4096, 4089));
    }
}
