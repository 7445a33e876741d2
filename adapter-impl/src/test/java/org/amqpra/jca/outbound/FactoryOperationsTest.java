package org.amqpra.jca.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.Set;
import javax.management.ObjectName;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;
import org.amqpra.MessageReturnedException;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.testsupport.Beans;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.Names;
import org.amqpra.testsupport.TestQueue;
import org.amqpra.testsupport.ThreadContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A connection factory's MBean, read as a JMX client would: publishes and their confirms, the
 * broker connections and channels in use, health when the broker cannot be reached, and the
 * bean gone when the adapter stops.
 */
@Tag("broker")
class FactoryOperationsTest {
    @Test
    void theBeanCountsPublishesAndConnectionsAndGoesAwayWithTheAdapter() throws Exception {
        String pool = Names.unique("ops-pool");
        ThreadContainer container = new ThreadContainer();
        AmqpResourceAdapter ra = new AmqpResourceAdapter();
        ra.setHost(Broker.host());
        ra.setPort(Broker.port());
        ra.start(container);
        try (TestQueue queue = TestQueue.declare("ops-out")) {
            AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
            mcf.setResourceAdapter(ra);
            mcf.setPoolName(pool);
            AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
            ObjectName bean = Beans.one("ConnectionFactory", "pool", pool);
            assertEquals("HEALTHY", Beans.get(bean, "Health"), "before first use");
            assertEquals(0L, Beans.number(bean, "BrokerConnectionsOpen"));
            try (AmqpConnection c = cf.getConnection()) {
                for (int i = 0; i < 5; i++) {
                    c.channel().basicPublish(Message.builder("m" + i).build(), "", queue.name());
                }
                assertThrows(
                        MessageReturnedException.class,
                        () -> c.channel()
                                .basicPublish(Message.builder("x").build(), "", Names.unique("nowhere"), true, false));
                assertEquals(1L, Beans.number(bean, "ChannelsInUse"));
                assertEquals(1L, Beans.number(bean, "BrokerConnectionsOpen"));
                assertEquals(
                        1,
                        Beans.named("BrokerConnection", "name", "amqp-ra:" + pool + "#1")
                                .size());
            }
            queue.awaitDepth(5);
            assertEquals(5L, Beans.number(bean, "Publishes"));
            assertEquals(5L, Beans.number(bean, "ConfirmedPublishes"));
            assertEquals(1L, Beans.number(bean, "UnconfirmedPublishes"), "the returned one");
            assertEquals(0L, Beans.number(bean, "ChannelsInUse"));
            assertEquals(1L, Beans.number(bean, "ManagedConnections"));
            assertEquals(0L, Beans.number(bean, "ConnectionFailures"));
        } finally {
            ra.stop();
            container.close();
        }
        assertEquals(Set.of(), Beans.named("ConnectionFactory", "pool", pool), "gone with the adapter");
        assertEquals(Set.of(), Beans.named("BrokerConnection", "name", "amqp-ra:" + pool + "#1"));
    }

    @Test
    void aFactoryThatCannotReachTheBrokerIsDownWithTheReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens there once closed
        }
        String pool = Names.unique("ops-down");
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(closedPort);
        mcf.setConnectTimeoutMillis(2000);
        mcf.setPoolName(pool);
        AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
        ObjectName bean = Beans.one("ConnectionFactory", "pool", pool);
        try {
            assertThrows(RuntimeException.class, cf::getConnection);
            assertEquals("DOWN", Beans.get(bean, "Health"));
            String reason = (String) Beans.get(bean, "HealthReason");
            assertTrue(reason.startsWith("cannot open a broker connection"), reason);
            assertEquals(1L, Beans.number(bean, "ConnectionFailures"));
        } finally {
            Beans.unregister(bean); // no adapter to remove it (a Java SE pool's bean lives with the JVM)
        }
    }
}
