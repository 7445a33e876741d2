package org.amqpra.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amqpra.FieldValues;
import org.amqpra.FrameSyntaxErrorException;
import org.junit.jupiter.api.Test;

class FieldTablesTest {

    private static Map<String, Object> roundTrip(Map<String, Object> in) {
        WireWriter w = new WireWriter(8);
        FieldTables.write(w, in);
        WireReader r = new WireReader(w.toByteArray());
        Map<String, Object> out = FieldTables.read(r);
        assertEquals(0, r.remaining());
        return out;
    }

    @Test
    void everyWritableTypeRoundTripsWithItsJavaType() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("S", "héllo");
        in.put("I", 42);
        in.put("l", Long.MIN_VALUE);
        in.put("s", (short) -7);
        in.put("b", (byte) -128);
        in.put("t", true);
        in.put("f", 1.5f);
        in.put("d", -2.25d);
        in.put("D", new BigDecimal("-123.45"));
        in.put("T", Instant.ofEpochSecond(1_700_000_000L));
        in.put("F", Map.of("inner", 1));
        in.put("A", List.of(1, "two", List.of(3L)));
        in.put("x", new byte[] {0, 1, (byte) 0xFF});
        in.put("V", null);
        Map<String, Object> out = roundTrip(in);
        assertEquals(in.keySet(), out.keySet());
        for (String k : in.keySet()) {
            if (k.equals("x")) {
                assertArrayEquals((byte[]) in.get(k), (byte[]) out.get(k));
            } else {
                assertEquals(in.get(k), out.get(k), k);
            }
        }
        assertInstanceOf(Short.class, out.get("s"));
        assertInstanceOf(Byte.class, out.get("b"));
        assertInstanceOf(Long.class, out.get("l"));
    }

    @Test
    void writesRabbitMqTypeCodesNotTheSpecGrammar() {
        WireWriter w = new WireWriter(8);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", (short) 1);
        m.put("b", 1L);
        m.put("c", new byte[0]);
        FieldTables.write(w, m);
        byte[] b = w.toByteArray();
        // size(4) len(1) 'a' type
        assertEquals('s', b[6]); // size(4) keylen(1) 'a'
        assertEquals('l', b[11]); // then short(2) keylen(1) 'b'
    }

    @Test
    void readsUnsignedVariantsThatRabbitMqReads() {
        WireWriter body = new WireWriter(8);
        body.shortStr("B");
        body.octet('B');
        body.octet(200);
        body.shortStr("u");
        body.octet('u');
        body.short16(65000);
        body.shortStr("i");
        body.octet('i');
        body.int32(-1);
        WireWriter w = new WireWriter(8);
        w.int32(body.position());
        w.bytes(body.array(), 0, body.position());
        Map<String, Object> out = FieldTables.read(new WireReader(w.toByteArray()));
        assertEquals(200, out.get("B"));
        assertEquals(65000, out.get("u"));
        assertEquals(4294967295L, out.get("i"));
    }

    @Test
    void invalidUtf8LongStringIsKeptAsBytes() {
        WireWriter body = new WireWriter(8);
        body.shortStr("k");
        body.octet('S');
        body.longStr(new byte[] {(byte) 0xC3, (byte) 0x28});
        WireWriter w = new WireWriter(8);
        w.int32(body.position());
        w.bytes(body.array(), 0, body.position());
        Object v = FieldTables.read(new WireReader(w.toByteArray())).get("k");
        assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0x28}, (byte[]) v);
    }

    @Test
    void oddTimestampsAreClampedNotThrown() {
        assertEquals(Instant.MAX, FieldTables.timestamp(Long.MAX_VALUE));
        assertEquals(Instant.MIN, FieldTables.timestamp(Long.MIN_VALUE));
    }

    @Test
    void unsupportedJavaTypeIsRefusedBeforeSending() {
        Map<String, Object> m = new HashMap<>();
        m.put("k", new ArrayList<>(List.of(new Object())));
        assertThrows(IllegalArgumentException.class, () -> FieldTables.write(new WireWriter(8), m));
    }

    @Test
    void decimalsThatDoNotFitAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> FieldTables.write(new WireWriter(8), Map.of("d", new BigDecimal("1e10").setScale(-1))));
        assertThrows(
                IllegalArgumentException.class,
                () -> FieldTables.write(new WireWriter(8), Map.of("d", new BigDecimal("99999999999"))));
    }

    @Test
    void unknownTypeCodeIsSyntaxError() {
        WireWriter body = new WireWriter(8);
        body.shortStr("k");
        body.octet('Z');
        WireWriter w = new WireWriter(8);
        w.int32(body.position());
        w.bytes(body.array(), 0, body.position());
        assertThrows(FrameSyntaxErrorException.class, () -> FieldTables.read(new WireReader(w.toByteArray())));
    }

    @Test
    void tableSizeBeyondPayloadIsSyntaxErrorWithoutAllocation() {
        WireWriter w = new WireWriter(8);
        w.int32(Integer.MAX_VALUE);
        assertThrows(FrameSyntaxErrorException.class, () -> FieldTables.read(new WireReader(w.toByteArray())));
    }

    @Test
    void nestingBeyondLimitIsRefusedOnReadAndWrite() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cur = deep;
        for (int i = 0; i < 40; i++) {
            Map<String, Object> next = new HashMap<>();
            cur.put("n", next);
            cur = next;
        }
        assertThrows(IllegalArgumentException.class, () -> FieldTables.write(new WireWriter(8), deep));
        // hand-encode 40 nested tables
        byte[] inner = new byte[] {0, 0, 0, 0};
        for (int i = 0; i < 40; i++) {
            WireWriter b = new WireWriter(8);
            b.shortStr("n");
            b.octet('F');
            b.bytes(inner, 0, inner.length);
            WireWriter t = new WireWriter(8);
            t.int32(b.position());
            t.bytes(b.array(), 0, b.position());
            inner = t.toByteArray();
        }
        byte[] encoded = inner;
        assertThrows(FrameSyntaxErrorException.class, () -> FieldTables.read(new WireReader(encoded)));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void nonStringKeysAreRefusedAtEveryLevel() {
        Map raw = new HashMap();
        raw.put(7, "x");
        assertThrows(IllegalArgumentException.class, () -> FieldTables.write(new WireWriter(8), raw));
        Map<String, Object> outer = new HashMap<>();
        outer.put("inner", raw);
        assertThrows(IllegalArgumentException.class, () -> FieldTables.write(new WireWriter(8), outer));
    }

    @Test
    @SuppressWarnings("unchecked")
    void tablesNestedToTheLimitRoundTripThroughAWriterReusedAfterAFailure() {
        // the writer's one entry writer carries the nesting depth through every level
        WireWriter w = new WireWriter(8);
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("ok", Map.of("x", 1));
        bad.put("bad", Map.of("deeper", Map.of("x", new Object()))); // fails two tables down
        assertThrows(IllegalArgumentException.class, () -> FieldTables.write(w, bad));
        w.reset();
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cur = deep;
        for (int i = 0; i < FieldValues.MAX_DEPTH - 1; i++) {
            Map<String, Object> next = new HashMap<>();
            cur.put("n", next);
            cur = next;
        }
        cur.put("leaf", 42);
        FieldTables.write(w, deep);
        Map<String, Object> back = FieldTables.read(new WireReader(w.toByteArray()));
        for (int i = 0; i < FieldValues.MAX_DEPTH - 1; i++) {
            back = (Map<String, Object>) back.get("n");
        }
        assertEquals(42, back.get("leaf"));
    }

    @Test
    void nullTableWritesEmptyTable() {
        WireWriter w = new WireWriter(8);
        FieldTables.write(w, null);
        assertEquals(4, w.position());
        assertNull(FieldTables.read(new WireReader(w.toByteArray())).get("x"));
    }
}
