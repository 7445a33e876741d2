package org.amqpra.jca.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.management.ObjectName;
import org.amqpra.Message;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Beans;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.TestQueue;
import org.amqpra.testsupport.ThreadContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees and does over JMX, against the real broker in a Java SE container: an
 * activation's counts after good, failing-once and poison messages; pausing and resuming while
 * messages flow (nothing delivered while paused, nothing lost or doubled); pausing itself after
 * {@code maxConsecutiveFailures}; the beans gone with the activation.
 */
@Tag("broker")
class ActivationOperationsTest {
    private ThreadContainer container;
    private AmqpResourceAdapter ra;
    private TestQueue queue;
    private TestQueue dlq;

    @BeforeEach
    void setUp() {
        container = new ThreadContainer();
        ra = new AmqpResourceAdapter();
        ra.setHost(Broker.host());
        ra.setPort(Broker.port());
        ra.start(container);
        queue = TestQueue.declare("ops");
        dlq = TestQueue.declare("ops-dlq");
    }

    @AfterEach
    void tearDown() throws Exception {
        ra.stop();
        queue.close();
        dlq.close();
        container.close();
    }

    private AmqpActivationSpec spec(int slots) throws Exception {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setResourceAdapter(ra);
        spec.setQueue(queue.name());
        spec.setMaxConcurrency(slots);
        spec.setRedeliveryDelayMillis(0);
        spec.setDeactivationTimeoutMillis(10_000);
        return spec;
    }

    private void publish(String idPrefix, int n) {
        for (int i = 0; i < n; i++) {
            queue.channel()
                    .basicPublish(Message.builder("m").messageId(idPrefix + i).build(), "", queue.name());
        }
    }

    private ObjectName activationBean() {
        return Await.value(
                Duration.ofSeconds(10),
                "the activation's bean",
                () -> Beans.named("Activation", "queue", queue.name()).stream()
                        .findFirst()
                        .orElse(null),
                Objects::nonNull);
    }

    private static void awaitAttribute(ObjectName bean, String attribute, Object expected) {
        Await.until(
                Duration.ofSeconds(20),
                bean + " " + attribute + " = " + expected,
                () -> expected.equals(Beans.get(bean, attribute)));
    }

    @Test
    void theBeanCountsEachOutcomeAndGoesAwayWithTheActivation() throws Exception {
        publish("good", 10);
        publish("once", 1);
        publish("poison", 1);
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        AmqpActivationSpec spec = spec(2);
        spec.setMaxRedeliveries(1);
        spec.setDeadLetterExchange("amq.default");
        spec.setDeadLetterRoutingKey(dlq.name());
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {
            if (m.messageId().startsWith("poison")
                    || m.messageId().startsWith("once") && failedOnce.add(m.messageId())) {
                throw new IllegalStateException("failing " + m.messageId());
            }
        });
        ra.endpointActivation(endpoints, spec);
        ObjectName bean = activationBean();
        dlq.awaitDepth(1);
        awaitAttribute(bean, "Succeeded", 11L);
        // good: 10 deliveries; fail-once: 2 (one redelivered); poison: 2 (one redelivered), then dead-lettered
        assertEquals(14L, Beans.number(bean, "Delivered"));
        assertEquals(3L, Beans.number(bean, "Failed"));
        assertEquals(2L, Beans.number(bean, "Redelivered"));
        assertEquals(1L, Beans.number(bean, "DeadLettered"));
        assertEquals(14L, Beans.number(bean, "DeliveryTimeCount"));
        assertEquals("DELIVERING", Beans.get(bean, "State"));
        assertEquals("HEALTHY", Beans.get(bean, "Health"));
        assertEquals(2L, Beans.number(bean, "SlotsTotal"));
        assertEquals(Broker.host() + ":" + Broker.port(), Beans.get(bean, "ConnectedNode"));
        assertTrue(
                ((String) Beans.get(bean, "LastError")).contains("failing poison"), "the last error names the failure");
        assertEquals(
                1,
                Beans.named("BrokerConnection", "name", "amqp-ra:test-endpoint").size());

        ra.endpointDeactivation(endpoints, spec);
        assertEquals(Set.of(), Beans.named("Activation", "queue", queue.name()), "the activation's bean is gone");
        assertEquals(
                Set.of(), Beans.named("BrokerConnection", "name", "amqp-ra:test-endpoint"), "its connection's too");
    }

    @Test
    void pausedOverJmxNothingIsDeliveredAndAfterTheResumeEverythingOnce() throws Exception {
        int n = 2000;
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        AtomicInteger processed = new AtomicInteger();
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500)); // some work per message
            seen.merge(m.messageId(), 1, Integer::sum);
            processed.incrementAndGet();
        });
        ra.endpointActivation(endpoints, spec(2));
        ObjectName bean = activationBean();
        publish("a", n / 2);
        Await.until(Duration.ofSeconds(20), "some messages processed", () -> processed.get() >= 100);

        Beans.invoke(bean, "stopDelivery");
        assertEquals("PAUSED", Beans.get(bean, "State"));
        assertEquals("DEGRADED", Beans.get(bean, "Health"));
        awaitAttribute(bean, "InFlight", 0);
        Await.until(
                Duration.ofSeconds(10),
                "no consumer on the queue",
                () -> queue.channel()
                                .queueDeclare(queue.name(), true, false, false, false, false, null)
                                .consumerCount()
                        == 0);
        publish("b", n / 2);
        int whenPaused = processed.get();
        Thread.sleep(1000); // a quiet period: nothing may be delivered while paused
        assertEquals(whenPaused, processed.get(), "deliveries while paused");
        assertEquals(n - whenPaused, queue.depth(), "everything not processed waits in the queue");

        Beans.invoke(bean, "startDelivery");
        Await.until(Duration.ofSeconds(60), "all processed", () -> processed.get() >= n);
        queue.awaitDepth(0);
        assertEquals(n, seen.size(), "each message processed");
        assertEquals(n, processed.get(), "and none twice");
        assertEquals("DELIVERING", Beans.get(bean, "State"));
    }

    @Test
    void afterMaxConsecutiveFailuresTheActivationPausesItselfUntilResumed() throws Exception {
        int n = 20;
        AtomicBoolean broken = new AtomicBoolean(true);
        Set<String> done = ConcurrentHashMap.newKeySet();
        AtomicInteger attempts = new AtomicInteger();
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {
            attempts.incrementAndGet();
            if (broken.get()) {
                throw new IllegalStateException("the database is down");
            }
            done.add(m.messageId());
        });
        AmqpActivationSpec spec = spec(1);
        spec.setMaxConsecutiveFailures(5);
        spec.setMaxRedeliveries(1); // would dead-letter if the failures were counted as the messages'
        publish("m", n);
        ra.endpointActivation(endpoints, spec);
        ObjectName bean = activationBean();
        awaitAttribute(bean, "State", "PAUSED");
        assertEquals(5L, Beans.number(bean, "Failed"));
        assertEquals(5, attempts.get());
        assertTrue(((String) Beans.get(bean, "PausedReason")).contains("maxConsecutiveFailures=5"));
        assertEquals("DEGRADED", Beans.get(bean, "Health"));
        Thread.sleep(500); // a quiet period: paused, it does not try again
        assertEquals(5, attempts.get(), "attempts while paused");
        assertEquals(n, queue.depth(), "every message back in the queue");

        broken.set(false);
        Beans.invoke(bean, "startDelivery");
        Await.until(Duration.ofSeconds(30), "all processed", () -> done.size() == n);
        queue.awaitDepth(0);
        assertEquals(0, dlq.depth());
        assertEquals("HEALTHY", Beans.get(bean, "Health"));
    }
}
