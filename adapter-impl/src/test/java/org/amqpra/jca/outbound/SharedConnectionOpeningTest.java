package org.amqpra.jca.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.Names;
import org.amqpra.testsupport.RabbitCtl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Concurrent first uses of a factory open one broker connection, not one each: before, five MDB
 * deliveries publishing at once after the adapter started opened four or five, most of them left
 * with no channel until the adapter stopped. Counted by the broker itself, in a virtual host of
 * the test's own.
 */
@Tag("broker")
class SharedConnectionOpeningTest {
    private static final int CALLERS = 20;

    private static long connectionsIn(String vhost) {
        return RabbitCtl.run("list_connections", "-q", "vhost")
                .lines()
                .map(String::trim)
                .filter(vhost::equals)
                .count();
    }

    @Test
    void twentyConcurrentFirstUsesOpenExactlyOneBrokerConnection() throws Exception {
        assertTrue(Broker.isLocal(), "this test counts connections on the local broker with rabbitmqctl");
        String vhost = Names.unique("vhost");
        RabbitCtl.run("add_vhost", vhost);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        AmqpManagedConnectionFactory f = new AmqpManagedConnectionFactory();
        List<AmqpManagedConnection> created = new ArrayList<>();
        try {
            RabbitCtl.run("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
            AmqpResourceAdapter ra = new AmqpResourceAdapter();
            ra.setHost(Broker.host());
            ra.setPort(Broker.port());
            ra.setVirtualHost(vhost);
            f.setResourceAdapter(ra);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<AmqpManagedConnection>> firstUses = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                firstUses.add(callers.submit(() -> {
                    go.await();
                    return (AmqpManagedConnection) f.createManagedConnection(null, null);
                }));
            }
            go.countDown();
            for (Future<AmqpManagedConnection> use : firstUses) {
                created.add(use.get(60, TimeUnit.SECONDS));
            }
            assertEquals(CALLERS, created.size());
            assertEquals(1, f.openBrokerConnections(), "the factory's own count");
            assertEquals(1, connectionsIn(vhost), "the broker's count (rabbitmqctl list_connections)");
        } finally {
            for (AmqpManagedConnection mc : created) {
                mc.destroy();
            }
            f.shared().close();
            callers.shutdownNow();
            RabbitCtl.run("delete_vhost", vhost);
        }
    }
}
