package org.amqpra.jca.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.Names;
import org.amqpra.testsupport.ThreadContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What an activation does with failed deliveries, against the real broker in a Java SE
 * container ({@link ThreadContainer}): an endpoint that fails every delivery (as WildFly's MDBs
 * do between stopping the bean and deactivating the endpoint) loses nothing, a poison message
 * among good ones is still dead-lettered after pauses that double, deactivation cuts a pause
 * short and leaves the message on the queue, a container out of bean instances costs no
 * attempt, and a queue deleted under the consumers is declared again and consumed.
 */
@Tag("broker")
class InboundFailureTest {
    private ThreadContainer container;
    private AmqpResourceAdapter ra;
    private Connection plain;
    private Channel check;
    private String queue;
    private String dlq;

    @BeforeEach
    void setUp() throws Exception {
        container = new ThreadContainer();
        ra = new AmqpResourceAdapter();
        ra.setHost(Broker.host());
        ra.setPort(Broker.port());
        ra.start(container);
        plain = Broker.connect();
        check = plain.channel();
        queue = Names.unique("inbound");
        dlq = queue + ".dlq";
        check.queueDeclare(queue, false, false, false, false, false, null);
        check.queueDeclare(dlq, false, false, false, false, false, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        ra.stop();
        check.queueDelete(queue);
        check.queueDelete(dlq);
        plain.close();
        container.close();
    }

    @Test
    void anEndpointFailingEveryDeliveryUntilItIsDeactivatedLosesNothing() throws Exception {
        int n = 40;
        publish(n, "m");
        AtomicInteger attempts = new AtomicInteger();
        AmqpActivationSpec spec = spec(2, 10, 1, 0);
        spec.setMaxRedeliveryDelayMillis(200);
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("Invocation cannot proceed as component is shutting down");
        });
        ra.endpointActivation(endpoints, spec);
        // With no pause and a limit of 1 redelivery, counting these failures against the
        // messages would reject (and, without a dead-letter exchange, drop) each after two:
        // 12 attempts would have dropped some. Counted as the endpoint's, they pause instead
        // (100 ms, then 200).
        await(() -> attempts.get() >= 12, 20, () -> "attempts: " + attempts);
        ra.endpointDeactivation(endpoints, spec);

        Set<String> left = drainIds(queue, n);
        assertEquals(n, left.size(), "every message is back on the queue after " + attempts + " failed attempts");
        assertEquals(
                0,
                check.queueDeclare(dlq, true, false, false, false, false, null).messageCount());
    }

    @Test
    void aPoisonMessageAmongGoodOnesIsDeadLetteredAfterPausesThatDouble() throws Exception {
        publish(1, "poison");
        publish(20, "good");
        List<Long> poisonAttempts = new CopyOnWriteArrayList<>();
        AtomicInteger good = new AtomicInteger();
        AmqpActivationSpec spec = spec(1, 10, 2, 100);
        spec.setDeadLetterExchange("amq.default");
        spec.setDeadLetterRoutingKey(dlq);
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {
            if (m.messageId().startsWith("poison")) {
                poisonAttempts.add(System.nanoTime());
                throw new IllegalStateException("poison");
            }
            good.incrementAndGet();
        });
        ra.endpointActivation(endpoints, spec);
        List<Message> dead = new ArrayList<>();
        await(
                () -> {
                    Message m = check.basicGet(dlq, true);
                    if (m != null) {
                        dead.add(m);
                    }
                    return !dead.isEmpty() && good.get() == 20;
                },
                20,
                () -> "dead-lettered: " + dead.size() + ", good: " + good);
        ra.endpointDeactivation(endpoints, spec);

        assertEquals("poison0", dead.get(0).messageId());
        assertEquals(3, dead.get(0).header("x-amqpra-failed-deliveries"));
        assertEquals(3, poisonAttempts.size(), "1 + maxRedeliveries attempts");
        long firstGap = TimeUnit.NANOSECONDS.toMillis(poisonAttempts.get(1) - poisonAttempts.get(0));
        long secondGap = TimeUnit.NANOSECONDS.toMillis(poisonAttempts.get(2) - poisonAttempts.get(1));
        assertTrue(firstGap >= 95, "first pause 100 ms, was " + firstGap);
        assertTrue(secondGap >= 195, "second pause 200 ms, was " + secondGap);
        assertEquals(0, drainIds(queue, 0).size());
    }

    @Test
    void aDeadLetterTheBrokerCannotRouteLeavesTheMessageInItsQueue() throws Exception {
        // Non-transacted: the dead letter is confirmed (and mandatory) before the message is
        // acked; an unroutable one comes back, and the message is requeued, not dropped.
        publish(1, "poison");
        AtomicInteger attempts = new AtomicInteger();
        AmqpActivationSpec spec = spec(1, 10, 0, 0);
        spec.setDeadLetterExchange("amq.direct");
        spec.setDeadLetterRoutingKey(Names.unique("bound-to-nothing"));
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("poison");
        });
        ra.endpointActivation(endpoints, spec);
        // with no redelivery allowed, every failed attempt after the first tries to dead-letter
        await(() -> attempts.get() >= 3, 20, () -> "attempts: " + attempts);
        ra.endpointDeactivation(endpoints, spec);
        assertEquals(Set.of("poison0"), drainIds(queue, 1), "the message is still in its queue");
    }

    @Test
    void deactivationCutsARedeliveryPauseShortAndLeavesTheMessageOnTheQueue() throws Exception {
        publish(1, "m");
        AtomicInteger attempts = new AtomicInteger();
        AmqpActivationSpec spec = spec(1, 10, 0, 60_000);
        spec.setMaxRedeliveryDelayMillis(60_000);
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(failing(attempts));
        ra.endpointActivation(endpoints, spec);
        await(() -> attempts.get() == 1, 20, () -> "first attempt");
        long start = System.nanoTime();
        ra.endpointDeactivation(endpoints, spec);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(tookMillis < 5_000, "deactivation ends the 60 s pause, took " + tookMillis + " ms");
        assertEquals(1, attempts.get());
        // maxRedeliveries 0 would have rejected it after the pause; stopped, it stays queued
        assertEquals(Set.of("m0"), drainIds(queue, 1));
    }

    @Test
    void anEndpointTheContainerCannotProvideIsRetriedWithoutCountingAnAttempt() throws Exception {
        publish(1, "m");
        List<String> processed = new CopyOnWriteArrayList<>();
        AmqpActivationSpec spec = spec(1, 10, 0, 0); // a single counted failure would reject it
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> processed.add(m.messageId()), 3);
        ra.endpointActivation(endpoints, spec);
        await(() -> processed.size() == 1, 20, () -> "processed: " + processed);
        ra.endpointDeactivation(endpoints, spec);

        assertEquals(List.of("m0"), processed);
        assertEquals(0, drainIds(queue, 0).size(), "processed once and acked");
    }

    @Test
    void aQueueDeletedUnderTheConsumerIsDeclaredAgainAndConsumed() throws Exception {
        List<String> processed = new CopyOnWriteArrayList<>();
        AmqpActivationSpec spec = spec(2, 10, 5, 100);
        spec.setDeclare(true);
        spec.setDurable(false);
        spec.setReconnectInitialDelayMillis(100);
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> processed.add(m.messageId()));
        ra.endpointActivation(endpoints, spec);
        publish(5, "before");
        await(() -> processed.size() == 5, 20, () -> "processed: " + processed);

        check.queueDelete(queue); // the broker cancels both consumers (basic.cancel)
        await(() -> queueExists(queue), 20, () -> "the activation declares the queue again");
        await(() -> consumers(queue) == 2, 20, () -> "both slots consume again");
        publish(5, "after");
        await(() -> processed.size() == 10, 20, () -> "processed: " + processed);
        ra.endpointDeactivation(endpoints, spec);

        assertEquals(
                Set.of(
                        "before0", "before1", "before2", "before3", "before4", "after0", "after1", "after2", "after3",
                        "after4"),
                new HashSet<>(processed));
    }

    private boolean queueExists(String q) {
        try (Connection probe = Broker.connect()) {
            probe.channel().queueDeclare(q, true, false, false, false, false, null);
            return true;
        } catch (org.amqpra.NotFoundException e) {
            return false;
        }
    }

    private long consumers(String q) {
        return check.queueDeclare(q, true, false, false, false, false, null).consumerCount();
    }

    private static Consumer<Message> failing(AtomicInteger attempts) {
        return m -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("fails");
        };
    }

    private AmqpActivationSpec spec(int slots, int prefetch, int maxRedeliveries, int redeliveryDelayMillis)
            throws Exception {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setResourceAdapter(ra);
        spec.setQueue(queue);
        spec.setMaxConcurrency(slots);
        spec.setPrefetch(prefetch);
        spec.setMaxRedeliveries(maxRedeliveries);
        spec.setRedeliveryDelayMillis(redeliveryDelayMillis);
        spec.setDeactivationTimeoutMillis(10_000);
        return spec;
    }

    private void publish(int n, String idPrefix) {
        for (int i = 0; i < n; i++) {
            check.basicPublish(
                    Message.builder("body " + i).messageId(idPrefix + i).build(), "", queue);
        }
    }

    /** Message ids left on {@code q}, waiting up to 5 s for {@code expected} of them. */
    private Set<String> drainIds(String q, int expected) throws InterruptedException {
        Set<String> ids = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            Message m;
            while ((m = check.basicGet(q, true)) != null) {
                ids.add(m.messageId());
            }
            if (ids.size() >= expected) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        } while (System.nanoTime() < deadline);
        return ids;
    }

    private static void await(BooleanSupplier done, int seconds, Supplier<String> what) {
        try {
            Await.until(Duration.ofSeconds(seconds), "condition", done);
        } catch (AssertionError e) {
            throw new AssertionError("timed out waiting: " + what.get(), e);
        }
    }
}
