package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.amqpra.testsupport.FakeBroker;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.FieldTables;
import org.amqpra.wire.Methods;
import org.amqpra.wire.WireReader;
import org.junit.jupiter.api.Test;

/** Parameters, URIs, negotiation and SASL: the parts that need no broker. */
class ConnectionParametersTest {

    @Test
    void defaultsAreAmqpys() {
        ConnectionParameters p = ConnectionParameters.builder().build();
        assertEquals("localhost", p.host());
        assertEquals(5672, p.port());
        assertEquals("guest", p.userid());
        assertEquals("AMQPLAIN", p.loginMethod());
        assertEquals("/", p.virtualHost());
        assertEquals("en_US", p.locale());
        assertEquals(65535, p.channelMax());
        assertEquals(131072, p.frameMax());
        assertEquals(Duration.ZERO, p.heartbeat());
        assertNull(p.tls());
        assertEquals(64L * 1024 * 1024, p.maxBodySize());
    }

    @Test
    void uriWithEveryPart() {
        ConnectionParameters p = ConnectionParameters.fromUri(
                "amqp://us%40er:p%3Ass@broker.example:5673/v%2Fhost?heartbeat=15&connection_timeout=2500"
                        + "&channel_max=100&frame_max=8192&auth_mechanism=plain&auth_mechanism=external");
        assertEquals("us@er", p.userid());
        assertEquals("p:ss", p.password());
        assertEquals("broker.example", p.host());
        assertEquals(5673, p.port());
        assertEquals("v/host", p.virtualHost());
        assertEquals(Duration.ofSeconds(15), p.heartbeat());
        assertEquals(Duration.ofMillis(2500), p.connectTimeout());
        assertEquals(100, p.channelMax());
        assertEquals(8192, p.frameMax());
        assertEquals("PLAIN", p.loginMethod(), "the first auth_mechanism given wins");
    }

    @Test
    void uriDefaultsAndIpv6() {
        assertEquals("/", ConnectionParameters.fromUri("amqp://h").virtualHost());
        assertEquals("/", ConnectionParameters.fromUri("amqp://h/").virtualHost());
        ConnectionParameters v6 = ConnectionParameters.fromUri("amqp://[::1]:5000");
        assertEquals("::1", v6.host());
        assertEquals(5000, v6.port());
        ConnectionParameters tls = ConnectionParameters.fromUri("amqps://h?cacertfile=/ca.pem&certfile=/c.pem"
                + "&keyfile=/k.pem&verify=verify_none&server_name_indication=sni.example");
        assertEquals(5671, tls.port());
        assertNotNull(tls.tls());
        assertEquals(Path.of("/ca.pem"), tls.tls().caCertFile());
        assertEquals(Path.of("/k.pem"), tls.tls().keyFile());
        assertFalse(tls.tls().verifyPeer());
        assertEquals("sni.example", tls.tls().serverNameIndication());
        assertTrue(ConnectionParameters.fromUri("amqps://h").tls().verifyHostname());
    }

    @Test
    void badUrisAreRefusedClearlyWithoutThePassword() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ConnectionParameters.fromUri("amqp://u:topsecret@h:99999"));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConnectionParameters.fromUri("http://h"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionParameters.fromUri("amqp://h?bogus=1"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionParameters.fromUri("amqp://h?cacertfile=/x"));
        assertThrows(
                IllegalArgumentException.class,
                () -> ConnectionParameters.builder().frameMax(100).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> ConnectionParameters.builder().rpcTimeout(Duration.ZERO).build());
    }

    @Test
    void passwordNeverAppearsInToString() {
        ConnectionParameters p = ConnectionParameters.fromUri("amqp://bob:hunter2@h/%2F");
        assertFalse(p.toString().contains("hunter2"), p.toString());
        assertTrue(p.toString().contains("bob"));
    }

    @Test
    void negotiationTakesTheOtherSideWhenOneSaysZeroElseTheSmaller() {
        assertEquals(60, Negotiation.negotiate(0, 60));
        assertEquals(30, Negotiation.negotiate(30, 0));
        assertEquals(10, Negotiation.negotiate(10, 60));
        assertEquals(0, Negotiation.negotiate(0, 0));
        assertEquals(65535, new Negotiation(0, 0, 0).usableChannelMax());
    }

    @Test
    void saslResponses() {
        assertArrayEquals("\0u\0p".getBytes(StandardCharsets.UTF_8), SaslMechanism.PLAIN.response("u", "p"));
        byte[] amqplain = SaslMechanism.AMQPLAIN.response("u", "p");
        org.amqpra.wire.WireWriter w = new org.amqpra.wire.WireWriter(64);
        w.int32(amqplain.length);
        w.bytes(amqplain, 0, amqplain.length);
        assertEquals(Map.of("LOGIN", "u", "PASSWORD", "p"), FieldTables.read(new WireReader(w.toByteArray())));
        assertEquals(0, SaslMechanism.EXTERNAL.response("u", "p").length);
        assertThrows(IllegalArgumentException.class, () -> SaslMechanism.named("CRAM-MD5"));
    }

    @Test
    void externalLoginSendsAnEmptyResponseAndAdvertisesCapabilities() throws Exception {
        AmqpMethod startOk =
                signOn("EXTERNAL PLAIN", ConnectionParameters.builder().loginMethod("EXTERNAL"), c -> {
                    assertEquals(131072, c.frameMax(), "the server's 0 means no limit: ours applies");
                    assertEquals(0, c.heartbeatSeconds());
                });
        assertEquals("EXTERNAL", startOk.str("mechanism"));
        assertEquals(0, startOk.bytes("response").length);
        @SuppressWarnings("unchecked")
        Map<String, Object> caps =
                (Map<String, Object>) startOk.table("client-properties").get("capabilities");
        for (String cap : new String[] {
            "publisher_confirms",
            "exchange_exchange_bindings",
            "basic.nack",
            "consumer_cancel_notify",
            "connection.blocked",
            "authentication_failure_close"
        }) {
            assertEquals(Boolean.TRUE, caps.get(cap), cap);
        }
    }

    /** A broker offering {@code mechanisms} (Qpid Broker-J: no AMQPLAIN); returns the start-ok it got. */
    private static AmqpMethod signOn(String mechanisms, ConnectionParameters.Builder client) throws Exception {
        return signOn(mechanisms, client, c -> assertTrue(c.isConnected()));
    }

    /** As {@link #signOn(String, ConnectionParameters.Builder)}, checking the open connection with {@code whileOpen}. */
    private static AmqpMethod signOn(
            String mechanisms, ConnectionParameters.Builder client, java.util.function.Consumer<Connection> whileOpen)
            throws Exception {
        java.util.concurrent.atomic.AtomicReference<AmqpMethod> startOk =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (FakeBroker b = new FakeBroker(p -> {
            p.readProtocolHeader();
            p.send(0, new AmqpMethod(Methods.CONNECTION_START, 0, 9, Map.of(), mechanisms, "en_US"));
            startOk.set(p.readMethod());
            p.send(0, new AmqpMethod(Methods.CONNECTION_TUNE, 0, 0L, 0));
            p.readMethod();
            p.readMethod();
            p.send(0, new AmqpMethod(Methods.CONNECTION_OPEN_OK, ""));
            p.awaitClientClose();
        })) {
            try (Connection c =
                    Connection.open(client.host("127.0.0.1").port(b.port()).build())) {
                whileOpen.accept(c);
            }
        }
        return startOk.get();
    }

    @Test
    void withoutAChosenMethodABrokerWithoutAmqplainIsSignedOnToWithPlain() throws Exception {
        AmqpMethod startOk = signOn(
                "PLAIN CRAM-MD5 SCRAM-SHA-256",
                ConnectionParameters.builder().userid("u").password("p"));
        assertEquals("PLAIN", startOk.str("mechanism"));
        assertArrayEquals("\0u\0p".getBytes(StandardCharsets.UTF_8), startOk.bytes("response"));
        assertFalse(ConnectionParameters.builder().build().loginMethodChosen());
        assertTrue(ConnectionParameters.fromUri("amqp://h/?auth_mechanism=amqplain")
                .loginMethodChosen());
        assertTrue(ConnectionParameters.builder().loginMethod("AMQPLAIN").build().toBuilder()
                .build()
                .loginMethodChosen());
    }

    @Test
    void aChosenMethodTheBrokerDoesNotOfferIsRefusedAndTheDefaultIsKeptWhereOffered() throws Exception {
        assertEquals(
                "AMQPLAIN",
                signOn("PLAIN AMQPLAIN", ConnectionParameters.builder()).str("mechanism"));
        org.amqpra.AuthenticationFailureException refused = assertThrows(
                org.amqpra.AuthenticationFailureException.class,
                () -> signOn("PLAIN", ConnectionParameters.builder().loginMethod("AMQPLAIN")));
        assertTrue(refused.getMessage().contains("does not offer login method AMQPLAIN"), refused.getMessage());
    }
}
