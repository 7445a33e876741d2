package org.amqpra.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.amqpra.FrameSyntaxErrorException;
import org.junit.jupiter.api.Test;

class MethodCodecTest {

    private static Object sample(FieldType t, int i) {
        switch (t) {
            case BIT:
                return i % 2 == 0;
            case OCTET:
                return 200;
            case SHORT:
                return 60000 + i;
            case LONG:
                return 4000000000L + i;
            case LONGLONG:
                return Long.MAX_VALUE - i;
            case SHORTSTR:
                return "s" + i;
            case LONGSTR:
                return new byte[] {1, 2, (byte) i};
            case TIMESTAMP:
                return Instant.ofEpochSecond(1000 + i);
            case TABLE:
                return Map.of("k" + i, i);
            default:
                throw new AssertionError(t);
        }
    }

    @Test
    void everyMethodInTheTableRoundTrips() {
        assertEquals(66, Methods.all().size()); // 0-9-1 plus RabbitMQ extensions
        for (MethodSpec spec : Methods.all()) {
            Object[] args = new Object[spec.arity()];
            for (int i = 0; i < args.length; i++) {
                args[i] = sample(spec.argType(i), i);
            }
            WireWriter w = new WireWriter(16);
            MethodCodec.encode(new AmqpMethod(spec, args), w);
            WireReader r = new WireReader(w.toByteArray());
            AmqpMethod back = MethodCodec.decode(r);
            assertSame(spec, back.spec());
            assertEquals(0, r.remaining(), spec.name());
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof byte[]) {
                    assertArrayEquals((byte[]) args[i], (byte[]) back.arg(i), spec + " arg " + i);
                } else {
                    assertEquals(args[i], back.arg(i), spec + " arg " + i);
                }
            }
        }
    }

    @Test
    void consecutiveBitsShareOneOctetLeastSignificantFirst() {
        WireWriter w = new WireWriter(16);
        // queue.declare: ticket, queue, passive, durable, exclusive, auto-delete, nowait, arguments
        MethodCodec.encode(new AmqpMethod(Methods.QUEUE_DECLARE, 0, "q", false, true, false, true, false, null), w);
        byte[] b = w.toByteArray();
        // 4 ids + 2 ticket + 2 shortstr("q") then the bit octet
        assertEquals(0b01010, b[8]);
        assertEquals(4 + 2 + 2 + 1 + 4, b.length);
    }

    @Test
    void unknownClassOrMethodIsSyntaxError() {
        WireWriter w = new WireWriter(16);
        w.short16(60);
        w.short16(999);
        assertThrows(FrameSyntaxErrorException.class, () -> MethodCodec.decode(new WireReader(w.toByteArray())));
    }

    @Test
    void truncatedArgumentsAreSyntaxError() {
        WireWriter w = new WireWriter(16);
        w.short16(50);
        w.short16(11); // queue.declare-ok without arguments
        assertThrows(FrameSyntaxErrorException.class, () -> MethodCodec.decode(new WireReader(w.toByteArray())));
    }

    @Test
    void shortStringOver255BytesIsRefused() {
        WireWriter w = new WireWriter(16);
        String longName = "x".repeat(256);
        assertThrows(
                IllegalArgumentException.class,
                () -> MethodCodec.encode(
                        new AmqpMethod(Methods.QUEUE_DECLARE, 0, longName, false, false, false, false, false, null),
                        w));
    }

    @Test
    void longStringArgumentsAreNotPrinted() {
        AmqpMethod m = new AmqpMethod(Methods.CONNECTION_START_OK, Map.of(), "PLAIN", "\0guest\0secret", "en_US");
        assertEquals(false, m.toString().contains("secret"));
    }
}
