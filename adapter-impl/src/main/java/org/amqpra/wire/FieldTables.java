package org.amqpra.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.amqpra.FieldValues;

/**
 * Field tables and arrays in RabbitMQ's dialect. Writes only {@code S I D T F b d f l s t x V A};
 * reads those plus {@code B u i} (unsigned byte, short, int), as RabbitMQ does. The spec's
 * grammar differs ({@code s} short string, {@code l} unsigned 64-bit); following it would break
 * interoperability with RabbitMQ and its clients.
 */
public final class FieldTables {
    private FieldTables() {}

    // ---- writing ------------------------------------------------------------------------

    /** Writes a table (null writes an empty one). */
    public static void write(WireWriter w, Map<String, ?> table) {
        writeTable(w, table, 0);
    }

    private static void writeTable(WireWriter w, Map<?, ?> table, int depth) {
        int sizeAt = w.position();
        w.int32(0);
        if (table != null && !table.isEmpty()) {
            // Map.forEach with the writer's reusable entry writer: unlike an entry-set iterator,
            // nothing is allocated per publish, whether or not the JIT inlines this far.
            EntryWriter entries = w.entryWriter();
            int outerDepth = entries.depth;
            entries.depth = depth;
            try {
                table.forEach(entries);
            } finally {
                entries.depth = outerDepth;
            }
        }
        w.putInt(sizeAt, w.position() - sizeAt - 4);
    }

    /** Writes one table entry; one per {@link WireWriter}, reused for every table it encodes. */
    static final class EntryWriter implements BiConsumer<Object, Object> {
        private final WireWriter w;
        private int depth;

        EntryWriter(WireWriter w) {
            this.w = w;
        }

        @Override
        public void accept(Object key, Object value) {
            if (!(key instanceof String)) {
                throw new IllegalArgumentException("field table key " + key + " is not a String");
            }
            w.shortStr((String) key);
            writeValue(w, (String) key, value, depth);
        }
    }

    private static void writeValue(WireWriter w, String key, Object v, int depth) {
        if (depth >= FieldValues.MAX_DEPTH) {
            throw new IllegalArgumentException("field table nested deeper than " + FieldValues.MAX_DEPTH);
        }
        if (v == null) {
            w.octet('V');
        } else if (v instanceof String) {
            w.octet('S');
            w.longStr((String) v);
        } else if (v instanceof Integer) {
            w.octet('I');
            w.int32((Integer) v);
        } else if (v instanceof Long) {
            w.octet('l');
            w.int64((Long) v);
        } else if (v instanceof Short) {
            w.octet('s');
            w.short16((Short) v);
        } else if (v instanceof Byte) {
            w.octet('b');
            w.octet((Byte) v);
        } else if (v instanceof Boolean) {
            w.octet('t');
            w.octet((Boolean) v ? 1 : 0);
        } else if (v instanceof Float) {
            w.octet('f');
            w.int32(Float.floatToIntBits((Float) v));
        } else if (v instanceof Double) {
            w.octet('d');
            w.int64(Double.doubleToLongBits((Double) v));
        } else if (v instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) v;
            // scale is an unsigned octet, the unscaled value a signed 32-bit int: refuse what
            // does not fit rather than corrupting it.
            if (d.scale() < 0 || d.scale() > 255 || d.unscaledValue().bitLength() > 31) {
                throw new IllegalArgumentException("decimal for '" + key + "' does not fit AMQP's: " + d);
            }
            w.octet('D');
            w.octet(d.scale());
            w.int32(d.unscaledValue().intValue());
        } else if (v instanceof Instant) {
            w.octet('T');
            w.int64(((Instant) v).getEpochSecond());
        } else if (v instanceof Map) {
            w.octet('F');
            writeTable(w, (Map<?, ?>) v, depth + 1);
        } else if (v instanceof List) {
            w.octet('A');
            int sizeAt = w.position();
            w.int32(0);
            for (Object o : (List<?>) v) {
                writeValue(w, key, o, depth + 1);
            }
            w.putInt(sizeAt, w.position() - sizeAt - 4);
        } else if (v instanceof byte[]) {
            w.octet('x');
            w.longStr((byte[]) v);
        } else {
            throw new IllegalArgumentException("field table value for '" + key + "' has unsupported type "
                    + v.getClass().getName());
        }
    }

    // ---- reading ------------------------------------------------------------------------

    /** Reads a table; nesting beyond {@link FieldValues#MAX_DEPTH} is a syntax error. */
    public static Map<String, Object> read(WireReader r) {
        return readTable(r, 0);
    }

    private static Map<String, Object> readTable(WireReader r, int depth) {
        long size = r.uint32();
        if (size > r.remaining()) {
            throw WireReader.syntax("field table of " + size + " bytes exceeds the " + r.remaining() + " bytes left");
        }
        if (size == 0) {
            return Collections.emptyMap();
        }
        WireReader t = new WireReader(r.bytes((int) size));
        Map<String, Object> map = new LinkedHashMap<>();
        while (t.remaining() > 0) {
            String key = t.shortStr();
            map.put(key, readValue(t, depth));
        }
        return map;
    }

    private static Object readValue(WireReader r, int depth) {
        if (depth >= FieldValues.MAX_DEPTH) {
            throw WireReader.syntax("field table nested deeper than " + FieldValues.MAX_DEPTH);
        }
        int type = r.octet();
        switch (type) {
            case 'S':
                return decodeLongString(r.longStr());
            case 'I':
                return r.int32();
            case 'l':
                return r.int64();
            case 's':
                return (short) r.short16();
            case 'b':
                return r.signedOctet();
            case 'B':
                return r.octet();
            case 'u':
                return r.short16();
            case 'i':
                return r.uint32();
            case 't':
                return r.octet() != 0;
            case 'f':
                return Float.intBitsToFloat(r.int32());
            case 'd':
                return Double.longBitsToDouble(r.int64());
            case 'D': {
                int scale = r.octet();
                int unscaled = r.int32();
                return new BigDecimal(BigInteger.valueOf(unscaled), scale);
            }
            case 'T':
                return timestamp(r.int64());
            case 'F':
                return readTable(r, depth + 1);
            case 'A':
                return readArray(r, depth + 1);
            case 'x':
                return r.longStr();
            case 'V':
                return null;
            default:
                throw WireReader.syntax(
                        "unknown field value type '" + (char) type + "' (0x" + Integer.toHexString(type) + ")");
        }
    }

    private static List<Object> readArray(WireReader r, int depth) {
        long size = r.uint32();
        if (size > r.remaining()) {
            throw WireReader.syntax("field array of " + size + " bytes exceeds the " + r.remaining() + " bytes left");
        }
        WireReader a = new WireReader(r.bytes((int) size));
        List<Object> list = new ArrayList<>();
        while (a.remaining() > 0) {
            list.add(readValue(a, depth));
        }
        return list;
    }

    /** POSIX seconds, UTC. Values outside Instant's range are clamped, never thrown on. */
    static Instant timestamp(long seconds) {
        if (seconds < Instant.MIN.getEpochSecond()) {
            return Instant.MIN;
        }
        if (seconds > Instant.MAX.getEpochSecond()) {
            return Instant.MAX;
        }
        return Instant.ofEpochSecond(seconds);
    }

    /**
     * 'S' is bytes on the wire. Valid UTF-8 becomes a String; anything else stays a byte[] so
     * that no byte is lost and nothing throws.
     */
    private static Object decodeLongString(byte[] b) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return b;
        }
    }
}
