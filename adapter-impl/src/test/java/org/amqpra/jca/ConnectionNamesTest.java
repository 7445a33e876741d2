package org.amqpra.jca;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.jca.inbound.AmqpActivationSpec;
import org.amqpra.jca.outbound.AmqpManagedConnectionFactory;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.Names;
import org.amqpra.testsupport.RabbitCtl;
import org.amqpra.testsupport.ThreadContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker can tell the adapter's connections apart: an activation's is named after its
 * endpoint, a pool's after the pool and its number (asked of the broker with rabbitmqctl).
 */
@Tag("broker")
class ConnectionNamesTest {
    private static boolean brokerShowsConnectionNamed(String name) {
        return RabbitCtl.run("list_connections", "-q", "client_properties").contains("\"" + name + "\"");
    }

    @Test
    void activationAndPoolConnectionsCarryTheirOwnersNames() throws Exception {
        assertTrue(Broker.isLocal(), "this test asks the local broker with rabbitmqctl");
        String prefix = Names.unique("names");
        ThreadContainer container = new ThreadContainer();
        AmqpResourceAdapter ra = new AmqpResourceAdapter();
        ra.setHost(Broker.host());
        ra.setPort(Broker.port());
        ra.setConnectionNamePrefix(prefix);
        ra.start(container);
        String queue = Names.unique("names-q");
        try {
            AmqpActivationSpec spec = new AmqpActivationSpec();
            spec.setResourceAdapter(ra);
            spec.setQueue(queue);
            spec.setDeclare(true);
            spec.setDurable(false);
            MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {});
            ra.endpointActivation(endpoints, spec);
            Await.until(
                    Duration.ofSeconds(10),
                    "the activation's connection named " + prefix + ":test-endpoint",
                    () -> brokerShowsConnectionNamed(prefix + ":test-endpoint"));

            AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
            mcf.setResourceAdapter(ra);
            mcf.setPoolName("orders");
            AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
            try (AmqpConnection c = cf.getConnection()) {
                c.channel().queueDeclare(queue, true, false, false, false, false, null);
                Await.until(
                        Duration.ofSeconds(10),
                        "the pool's first connection named " + prefix + ":orders#1",
                        () -> brokerShowsConnectionNamed(prefix + ":orders#1"));
            }
            ra.endpointDeactivation(endpoints, spec);
        } finally {
            ra.stop();
            container.close();
        }
    }
}
