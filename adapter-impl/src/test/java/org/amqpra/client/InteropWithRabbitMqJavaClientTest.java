package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.Names;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A message with all 14 properties and headers of every type, published by one client, is read
 * back identical by the other, both ways (com.rabbitmq:amqp-client is a test-scope dependency).
 */
@Tag("broker")
class InteropWithRabbitMqJavaClientTest {
    private static final Instant WHEN = Instant.ofEpochSecond(1_700_000_123L);
    private static final byte[] BODY = {0, 1, 2, (byte) 0xFE, (byte) 0xFF, 'h', 'i'};
    private Connection ours;
    private com.rabbitmq.client.Connection theirs;

    @BeforeEach
    void open() throws Exception {
        ours = Broker.connect();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(Broker.uri());
        theirs = f.newConnection();
    }

    @AfterEach
    void close() throws Exception {
        ours.close();
        theirs.close();
    }

    /** Headers of every type we write, as our Java values. */
    private static Map<String, Object> ourHeaders() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("string", "ünïcode");
        h.put("int", Integer.MIN_VALUE);
        h.put("long", Long.MAX_VALUE);
        h.put("short", (short) -12345);
        h.put("byte", (byte) -5);
        h.put("bool", true);
        h.put("float", 3.25f);
        h.put("double", -1.0e300);
        h.put("decimal", new BigDecimal("12345.6789"));
        h.put("timestamp", WHEN);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", 42);
        nested.put("deeper", Map.of("x", "y"));
        h.put("table", nested);
        h.put("array", List.of(1, "two", 3L, List.of(false)));
        h.put("bytes", new byte[] {9, 8, 7});
        h.put("void", null);
        return h;
    }

    /** Their decoded header values mapped to ours (LongString to String, Date to Instant). */
    private static Object normalize(Object v) {
        if (v instanceof LongString) {
            return v.toString();
        }
        if (v instanceof Date) {
            return ((Date) v).toInstant();
        }
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> m.put(k.toString(), normalize(x)));
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            ((List<?>) v).forEach(x -> l.add(normalize(x)));
            return l;
        }
        return v;
    }

    /** Our values as the RabbitMQ client wants them (Instant to Date). */
    private static Object toTheirs(Object v) {
        if (v instanceof Instant) {
            return Date.from((Instant) v);
        }
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> m.put(k.toString(), toTheirs(x)));
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            ((List<?>) v).forEach(x -> l.add(toTheirs(x)));
            return l;
        }
        return v;
    }

    private static void assertHeadersEqual(Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            Object e = expected.get(k);
            Object a = actual.get(k);
            if (e instanceof byte[]) {
                assertArrayEquals((byte[]) e, (byte[]) a, k);
            } else {
                assertEquals(e, a, k);
            }
        }
    }

    @Test
    void oursToTheirs() throws Exception {
        Channel ch = ours.channel();
        String q = Names.unique("interop"); // shared by both connections: not exclusive
        ch.queueDeclare(q, false, false, false, true, false, null);
        ch.basicPublish(
                Message.builder(BODY)
                        .contentType("application/octet-stream")
                        .contentEncoding("identity")
                        .headers(ourHeaders())
                        .deliveryMode(2)
                        .priority(7)
                        .correlationId("corr-1")
                        .replyTo("reply.q")
                        .expiration("60000")
                        .messageId("msg-1")
                        .timestamp(WHEN)
                        .type("order.created")
                        .userId("guest")
                        .appId("amqp-ra")
                        .clusterId("c1")
                        .build(),
                "",
                q);
        com.rabbitmq.client.Channel tc = theirs.createChannel();
        GetResponse r = Await.value(
                Duration.ofSeconds(2),
                "the message on " + q,
                () -> {
                    try {
                        return tc.basicGet(q, true);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                got -> got != null);
        assertNotNull(r);
        assertArrayEquals(BODY, r.getBody());
        AMQP.BasicProperties p = r.getProps();
        assertEquals("application/octet-stream", p.getContentType());
        assertEquals("identity", p.getContentEncoding());
        assertEquals(2, p.getDeliveryMode());
        assertEquals(7, p.getPriority());
        assertEquals("corr-1", p.getCorrelationId());
        assertEquals("reply.q", p.getReplyTo());
        assertEquals("60000", p.getExpiration());
        assertEquals("msg-1", p.getMessageId());
        assertEquals(Date.from(WHEN), p.getTimestamp());
        assertEquals("order.created", p.getType());
        assertEquals("guest", p.getUserId());
        assertEquals("amqp-ra", p.getAppId());
        assertEquals("c1", p.getClusterId());
        @SuppressWarnings("unchecked")
        Map<String, Object> got = (Map<String, Object>) normalize(p.getHeaders());
        assertHeadersEqual(ourHeaders(), got);
        ch.queueDelete(q);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theirsToOurs() throws Exception {
        com.rabbitmq.client.Channel tc = theirs.createChannel();
        String q = Names.unique("interop");
        tc.queueDeclare(q, false, false, true, null);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("text/plain")
                .contentEncoding("UTF-8")
                .headers((Map<String, Object>) toTheirs(ourHeaders()))
                .deliveryMode(1)
                .priority(4)
                .correlationId("c")
                .replyTo("r")
                .expiration("1000000")
                .messageId("m")
                .timestamp(Date.from(WHEN))
                .type("t")
                .userId("guest")
                .appId("a")
                .clusterId("cl")
                .build();
        tc.basicPublish("", q, props, BODY);
        Channel ch = ours.channel();
        Message m = ChannelMethodsTest.getWithinOn(ch, q);
        assertArrayEquals(BODY, m.body());
        assertEquals("text/plain", m.contentType());
        assertEquals("UTF-8", m.contentEncoding());
        assertEquals(1, m.deliveryMode());
        assertEquals(4, m.priority());
        assertEquals("c", m.correlationId());
        assertEquals("r", m.replyTo());
        assertEquals("1000000", m.expiration());
        assertEquals("m", m.messageId());
        assertEquals(WHEN, m.timestamp());
        assertEquals("t", m.type());
        assertEquals("guest", m.userId());
        assertEquals("a", m.appId());
        assertEquals("cl", m.clusterId());
        assertHeadersEqual(ourHeaders(), m.headers());
        m.ack();
        ch.queueDelete(q);
    }
}
