package org.amqpra.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.amqpra.BasicProperties;
import org.amqpra.FrameSyntaxErrorException;
import org.junit.jupiter.api.Test;

class ContentHeaderCodecTest {

    @Test
    void allFourteenPropertiesRoundTrip() {
        BasicProperties p = new BasicProperties(
                "text/plain",
                "UTF-8",
                Map.of("h", 1),
                2,
                5,
                "corr",
                "reply",
                "60000",
                "id-1",
                Instant.ofEpochSecond(1_600_000_000L),
                "type",
                "guest",
                "app",
                "cluster");
        WireWriter w = new WireWriter(16);
        ContentHeaderCodec.encode(60, 12345, p, w);
        ContentHeader h = ContentHeaderCodec.decode(new WireReader(w.toByteArray()));
        assertEquals(60, h.classId());
        assertEquals(12345, h.bodySize());
        assertEquals(p, h.properties());
    }

    @Test
    void noPropertiesIsAZeroFlagWord() {
        WireWriter w = new WireWriter(16);
        ContentHeaderCodec.encode(60, 0, BasicProperties.EMPTY, w);
        assertEquals(14, w.position());
        assertEquals(
                BasicProperties.EMPTY,
                ContentHeaderCodec.decode(new WireReader(w.toByteArray())).properties());
    }

    @Test
    void eachFlagBitSelectsItsProperty() {
        BasicProperties onlyPriority =
                new BasicProperties(null, null, null, null, 9, null, null, null, null, null, null, null, null, null);
        WireWriter w = new WireWriter(16);
        ContentHeaderCodec.encode(60, 1, onlyPriority, w);
        byte[] b = w.toByteArray();
        assertEquals(1 << 11, ((b[12] & 0xFF) << 8) | (b[13] & 0xFF));
        assertEquals(9, b[14]);
    }

    @Test
    void negativeBodySizeIsSyntaxError() {
        WireWriter w = new WireWriter(16);
        w.short16(60);
        w.short16(0);
        w.int64(-1);
        w.short16(0);
        assertThrows(FrameSyntaxErrorException.class, () -> ContentHeaderCodec.decode(new WireReader(w.toByteArray())));
    }
}
