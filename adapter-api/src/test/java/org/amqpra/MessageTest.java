package org.amqpra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void stringBodyGetsUtf8ContentEncodingAsInAmqpy() {
        Message m = Message.builder("héllo").build();
        assertEquals("UTF-8", m.contentEncoding());
        assertEquals("héllo", m.bodyAsString());
        assertNull(Message.builder(new byte[] {1}).build().contentEncoding());
    }

    @Test
    void bodyAsStringUsesTheContentEncodingAndRefusesOneThatNamesNoCharset() {
        byte[] latin1 = "é".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(
                "é",
                Message.builder(latin1).contentEncoding("ISO-8859-1").build().bodyAsString());
        Message gzip = Message.builder("abc".getBytes(StandardCharsets.UTF_8))
                .contentEncoding("gzip")
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class, gzip::bodyAsString);
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
        assertEquals("abc", gzip.bodyAsString(StandardCharsets.UTF_8));
        assertEquals(
                "abc",
                Message.builder("abc".getBytes(StandardCharsets.UTF_8)).build().bodyAsString());
    }

    @Test
    void aTextBodyIsEncodedWithTheContentEncodingItEndsUpWith() {
        Message m = Message.builder("hello wörld").contentEncoding("latin_1").build();
        assertArrayEquals("hello wörld".getBytes(StandardCharsets.ISO_8859_1), m.body());
        assertEquals("latin_1", m.contentEncoding(), "the label is kept as given");
        assertEquals("hello wörld", m.bodyAsString());
        assertArrayEquals(
                "wörld".getBytes(StandardCharsets.UTF_16LE),
                Message.builder("wörld").contentEncoding("utf_16_le").build().body());
        assertArrayEquals(
                "x".getBytes(StandardCharsets.UTF_8),
                Message.builder("x").contentEncoding(null).build().body(),
                "no content encoding: UTF-8, unlabelled");
    }

    @Test
    void pythonCodecSpellingsNameTheirCharsets() {
        assertEquals(StandardCharsets.UTF_8, ContentEncodings.charset("utf_8"));
        assertEquals(StandardCharsets.UTF_8, ContentEncodings.charset("utf8"));
        assertEquals(StandardCharsets.UTF_8, ContentEncodings.charset("U8"));
        assertEquals(StandardCharsets.ISO_8859_1, ContentEncodings.charset("latin_1"));
        assertEquals(StandardCharsets.ISO_8859_1, ContentEncodings.charset("latin-1"));
        assertEquals(StandardCharsets.ISO_8859_1, ContentEncodings.charset("iso8859_1"));
        assertEquals(StandardCharsets.US_ASCII, ContentEncodings.charset("ascii"));
        assertEquals(StandardCharsets.UTF_16BE, ContentEncodings.charset("utf_16_be"));
        assertEquals("windows-1252", ContentEncodings.charset("cp1252").name());
        assertNull(ContentEncodings.charset("gzip"));
        assertNull(ContentEncodings.charset("no-such-charset"));
        assertNull(ContentEncodings.charset(null));
    }

    @Test
    void aTextBodyWithAnEncodingThatCannotCarryItIsRefusedAtBuild() {
        InvalidArgumentException unknown = assertThrows(
                InvalidArgumentException.class,
                () -> Message.builder("x").contentEncoding("klingon").build());
        assertEquals("content-encoding", unknown.argument());
        InvalidArgumentException unmappable = assertThrows(
                InvalidArgumentException.class,
                () -> Message.builder("wörld").contentEncoding("ascii").build());
        assertTrue(unmappable.getMessage().contains("ascii"), unmappable.getMessage());
        assertArrayEquals(
                new byte[] {1, 2},
                Message.builder(new byte[] {1, 2})
                        .contentEncoding("klingon")
                        .build()
                        .body(),
                "a binary body is sent as it is, whatever its label");
    }

    @Test
    void messagesCompareByBodyAndPropertiesNotByDelivery() {
        Message a = Message.builder("same").messageId("1").header("k", 7).build();
        Message b = Message.builder("same").messageId("1").header("k", 7).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Message.builder("same").messageId("2").header("k", 7).build());
        assertNotEquals(
                a, Message.builder("other").messageId("1").header("k", 7).build());
        Message received =
                Message.received(a.body(), a.properties(), new Envelope(42, true, "ex", "rk", "ctag", -1), null);
        assertEquals(a, received, "delivery information is not compared");
    }

    @Test
    void toStringShowsTheStartOfATextBodyOnly() {
        String big = "x".repeat(100_000);
        String s = Message.builder(big).build().toString();
        assertTrue(s.length() < 1_000, "a large body is not dumped: " + s.length() + " characters");
        assertTrue(s.contains("100000 bytes"), s);
        assertTrue(Message.builder("hello").build().toString().contains("\"hello\""));
        assertTrue(Message.builder(new byte[] {0, 1}).build().toString().contains("2 bytes"));
    }

    @Test
    void deliveryModeAndPriorityAreCheckedAtBuild() {
        assertEquals(
                "delivery-mode",
                assertThrows(
                                InvalidArgumentException.class,
                                () -> Message.builder("x").deliveryMode(3).build())
                        .argument());
        assertEquals(
                "priority",
                assertThrows(
                                InvalidArgumentException.class,
                                () -> Message.builder("x").priority(-1).build())
                        .argument());
        assertEquals(255, Message.builder("x").priority(255).build().priority());
    }

    @Test
    void headerValuesOfUnsupportedTypesAreRefusedAtBuild() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Message.builder("x").header("when", new java.util.Date()).build());
        assertEquals(true, e.getMessage().contains("when"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Message.builder("x")
                        .header("n", Map.of("deep", new Object()))
                        .build());
    }

    @Test
    void timestampsAreWholeSecondsAndOctetsAreChecked() {
        Message m = Message.builder("x").timestamp(Instant.ofEpochMilli(1_500)).build();
        assertEquals(Instant.ofEpochSecond(1), m.timestamp());
        assertThrows(
                IllegalArgumentException.class,
                () -> Message.builder("x").priority(256).build());
    }

    @Test
    void unreceivedMessagesCannotBeSettled() {
        Message m = Message.builder("x").build();
        assertThrows(IllegalStateException.class, m::ack);
        assertThrows(IllegalStateException.class, m::deliveryTag);
    }

    @Test
    void replyCodesMapToTheirExceptionClasses() {
        assertEquals(
                NotFoundException.class,
                AmqpErrors.forChannelClose(ReplyInfo.local(404, "")).getClass());
        assertEquals(
                ChannelException.class,
                AmqpErrors.forChannelClose(ReplyInfo.local(999, "")).getClass());
        assertEquals(
                NotAllowedException.class,
                AmqpErrors.forConnectionClose(ReplyInfo.local(530, "")).getClass());
        assertEquals(
                ConnectionForcedException.class,
                AmqpErrors.forConnectionClose(ReplyInfo.local(320, "")).getClass());
        ReplyInfo info = new ReplyInfo(404, "NOT_FOUND - no queue 'q'", 50, 10, "queue.declare", 3);
        assertEquals(
                "NOT_FOUND - no queue 'q' (reply code 404, channel 3, method queue.declare)",
                new NotFoundException(info).getMessage());
    }
}
