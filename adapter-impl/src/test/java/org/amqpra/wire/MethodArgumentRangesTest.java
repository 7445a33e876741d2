package org.amqpra.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amqpra.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/**
 * Sweeps every method of the table: each numeric argument at 0, its maximum, its maximum + 1 and
 * -1, each short string at 255 and 256 octets. In-range values round-trip through the codec;
 * out-of-range ones are refused with {@link InvalidArgumentException} naming the method and the
 * argument, before a single byte is written.
 */
class MethodArgumentRangesTest {
    /** A method with every argument at a harmless value. */
    private static Object[] defaults(MethodSpec spec) {
        Object[] args = new Object[spec.arity()];
        for (int i = 0; i < args.length; i++) {
            switch (spec.argType(i)) {
                case BIT:
                    args[i] = false;
                    break;
                case OCTET:
                case SHORT:
                    args[i] = 0;
                    break;
                case LONG:
                case LONGLONG:
                    args[i] = 0L;
                    break;
                case SHORTSTR:
                    args[i] = "";
                    break;
                case LONGSTR:
                    args[i] = new byte[0];
                    break;
                case TIMESTAMP:
                    args[i] = Instant.EPOCH;
                    break;
                case TABLE:
                    args[i] = Map.of();
                    break;
                default:
                    throw new AssertionError(spec.argType(i));
            }
        }
        return args;
    }

    private static Object boxed(FieldType t, long v) {
        return t == FieldType.OCTET || t == FieldType.SHORT ? (Object) (int) v : (Object) v;
    }

    private static AmqpMethod roundTrip(AmqpMethod m) {
        WireWriter w = new WireWriter(64);
        MethodCodec.encode(m, w);
        return MethodCodec.decode(new WireReader(w.array(), 0, w.position()));
    }

    private static void assertRefusedBeforeWriting(AmqpMethod m, String argName) {
        WireWriter w = new WireWriter(64);
        InvalidArgumentException e =
                assertThrows(InvalidArgumentException.class, () -> MethodCodec.encode(m, w), m.spec() + " " + argName);
        assertEquals(m.spec().name(), e.method());
        assertEquals(argName, e.argument());
        assertEquals(0, w.position(), m.spec() + ": nothing written");
    }

    @Test
    void everyNumericArgumentIsRangeCheckedAndInRangeValuesRoundTrip() {
        int checked = 0;
        for (MethodSpec spec : Methods.all()) {
            for (int i = 0; i < spec.arity(); i++) {
                FieldType t = spec.argType(i);
                if (t != FieldType.OCTET && t != FieldType.SHORT && t != FieldType.LONG && t != FieldType.LONGLONG) {
                    continue;
                }
                long max = FieldRanges.max(t);
                List<Long> inRange = List.of(0L, max);
                List<Long> outOfRange = new ArrayList<>(List.of(-1L));
                if (max < Long.MAX_VALUE) {
                    outOfRange.add(max + 1);
                }
                for (long v : inRange) {
                    Object[] args = defaults(spec);
                    args[i] = boxed(t, v);
                    AmqpMethod back = roundTrip(new AmqpMethod(spec, args));
                    assertEquals(v, ((Number) back.arg(i)).longValue(), spec + " " + spec.argName(i) + " = " + v);
                }
                for (long v : outOfRange) {
                    Object[] args = defaults(spec);
                    args[i] = boxed(t, v);
                    assertRefusedBeforeWriting(new AmqpMethod(spec, args), spec.argName(i));
                }
                checked++;
            }
        }
        assertTrue(checked > 25, "numeric arguments swept: " + checked);
    }

    @Test
    void everyShortStringIsAtMost255Octets() {
        String fits = "é".repeat(127) + "x"; // 255 octets of UTF-8
        String tooLong = "é".repeat(128); // 256
        int checked = 0;
        for (MethodSpec spec : Methods.all()) {
            for (int i = 0; i < spec.arity(); i++) {
                if (spec.argType(i) != FieldType.SHORTSTR) {
                    continue;
                }
                Object[] args = defaults(spec);
                args[i] = fits;
                assertEquals(fits, roundTrip(new AmqpMethod(spec, args)).str(spec.argName(i)));
                args[i] = tooLong;
                assertRefusedBeforeWriting(new AmqpMethod(spec, args), spec.argName(i));
                checked++;
            }
        }
        assertTrue(checked > 30, "short strings swept: " + checked);
    }

    @Test
    void qosNumbersThatWouldWrapAreRefusedNamingTheArgument() {
        InvalidArgumentException e = assertThrows(
                InvalidArgumentException.class,
                () -> MethodCodec.encode(ClientMethods.basicQos(0, 65_536, false), new WireWriter(16)));
        assertEquals("basic.qos: prefetch-count must be 0-65535 (an unsigned short), was 65536", e.getMessage());
        assertThrows(
                InvalidArgumentException.class,
                () -> MethodCodec.encode(ClientMethods.basicQos(-1, 10, false), new WireWriter(16)));
    }
}
