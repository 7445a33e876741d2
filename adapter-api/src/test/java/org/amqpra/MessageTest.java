package org.amqpra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void bodyAsStringUsesTheContentEncodingAndFallsBackToUtf8() {
        byte[] latin1 = "é".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(
                "é",
                Message.builder(latin1).contentEncoding("ISO-8859-1").build().bodyAsString());
        assertEquals(
                "abc",
                Message.builder("abc".getBytes(StandardCharsets.UTF_8))
                        .contentEncoding("gzip")
                        .build()
                        .bodyAsString());
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
