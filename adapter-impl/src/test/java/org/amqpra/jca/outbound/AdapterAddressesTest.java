package org.amqpra.jca.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Address;
import org.amqpra.client.Connection;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.jca.inbound.AmqpActivationSpec;
import org.amqpra.testsupport.Broker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The {@code Addresses} property: a node list that takes precedence over Host and Port. */
@Tag("broker")
class AdapterAddressesTest {
    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void theFactoryPublishesThroughTheNodeThatAnswers() throws Exception {
        String nodes = "127.0.0.1:" + deadPort() + "," + Broker.host() + ":" + Broker.port();
        AmqpResourceAdapter ra = new AmqpResourceAdapter();
        ra.setHost("no-such-host.invalid"); // not tried: the list takes precedence
        ra.setAddresses(nodes);
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
        try (Connection check = Broker.connect()) {
            Channel ch = check.channel();
            String q = ch.queueDeclare().queue();
            for (int i = 0; i < 5; i++) { // shuffled each time the pool opens a broker connection
                try (AmqpConnection c = cf.getConnection()) {
                    c.channel().basicPublish(Message.builder("m" + i).build(), "", q);
                }
            }
            assertEquals(
                    5,
                    ch.queueDeclare(q, true, false, false, false, false, null).messageCount());
        } finally {
            mcf.shared().close();
        }
    }

    @Test
    void theActivationSpecTakesTheAdaptersListUnlessItHasItsOwn() throws Exception {
        AmqpResourceAdapter ra = new AmqpResourceAdapter();
        ra.setAddresses("n1:5681,n2:5682");
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setResourceAdapter(ra);
        assertEquals(
                List.of(new Address("n1", 5681), new Address("n2", 5682)),
                spec.effectiveBroker().toParameters("u", "p", null, null).addresses());
        spec.setAddresses("n3:5683");
        assertEquals(
                List.of(new Address("n3", 5683)),
                spec.effectiveBroker().toParameters("u", "p", null, null).addresses());
        assertTrue(spec.effectiveBroker().toString().contains("n3:5683"));
    }

    @Test
    void aMalformedListIsRefusedWhenItIsConfigured() {
        AmqpResourceAdapter ra = new AmqpResourceAdapter();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ra.setAddresses("n1:5681,::1"));
        assertTrue(e.getMessage().contains("::1"), e.getMessage());
    }
}
