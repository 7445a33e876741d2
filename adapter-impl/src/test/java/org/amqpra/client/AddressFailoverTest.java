package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.amqpra.AuthenticationFailureException;
import org.amqpra.NoBrokerAvailableException;
import org.amqpra.testsupport.Broker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Address lists against the one test broker: nodes that do not answer (ports nothing listens
 * on) are skipped, each within the connect timeout, and the failure when none answers names every
 * address. The three-node cluster tests of the cluster issue build on this.
 */
@Tag("broker")
class AddressFailoverTest {
    /** A local port that refuses connections: bound once, then closed. */
    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String broker() {
        return Broker.host() + ":" + Broker.port();
    }

    @Test
    void theFirstNodeDownIsSkippedAndTheConnectionSaysWhichNodeItReached() throws Exception {
        String dead = "127.0.0.1:" + deadPort();
        try (Connection c = Connection.open(Broker.params()
                .addresses(dead + "," + broker())
                .addressOrder(AddressOrder.ORDERED)
                .connectTimeout(Duration.ofSeconds(5))
                .build())) {
            assertTrue(c.isConnected());
            assertEquals(Address.parse(broker()), c.connectedAddress());
            assertNotNull(c.clusterName(), "RabbitMQ announces its cluster name");
            c.channel().queueDeclare();
        }
    }

    @Test
    void orderedTriesTheListedOrderAndShuffledReachesALiveNodeEitherWay() throws Exception {
        String dead = "127.0.0.1:" + deadPort();
        for (int i = 0; i < 6; i++) {
            try (Connection c = Connection.open(Broker.params()
                    .addresses(broker() + "," + dead)
                    .build())) { // shuffled: sometimes the dead one first
                assertEquals(Address.parse(broker()), c.connectedAddress());
            }
        }
    }

    @Test
    void whenNoNodeAnswersTheErrorNamesEveryAddress() throws Exception {
        String a = "127.0.0.1:" + deadPort();
        String b = "127.0.0.1:" + deadPort();
        NoBrokerAvailableException e = assertThrows(
                NoBrokerAvailableException.class,
                () -> Connection.open(Broker.params()
                        .addresses(a + "," + b)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build()));
        assertTrue(e.getMessage().contains(a) && e.getMessage().contains(b), e.getMessage());
    }

    @Test
    void aUriListConnects() throws Exception {
        String dead = "127.0.0.1:" + deadPort();
        try (Connection c =
                Connection.open("amqp://guest:guest@" + dead + "," + broker() + "/%2F?address_order=ordered")) {
            assertEquals(Address.parse(broker()), c.connectedAddress());
        }
        try (Connection c =
                Connection.open("amqp://guest:guest@" + dead + "/%2F,amqp://guest:guest@" + broker() + "/%2F")) {
            assertEquals(Address.parse(broker()), c.connectedAddress());
        }
    }

    @Test
    void refusedCredentialsAreNotHiddenBehindTheNextNode() {
        assertThrows(
                AuthenticationFailureException.class,
                () -> Connection.open(Broker.params()
                        .password("wrong")
                        .addresses(broker() + "," + broker())
                        .build()));
    }
}
