package org.amqpra.jca.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.amqpra.Message;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.RabbitCtl;
import org.amqpra.testsupport.TestQueue;
import org.amqpra.testsupport.ThreadContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ's consumer acknowledgement timeout: the broker closes a channel whose delivery stays
 * unacked past {@code consumer_timeout} (406 PRECONDITION_FAILED). A slow endpoint must cost
 * only its own slot's channel: that slot starts over on a new channel, the slow message is
 * redelivered, and the other slots deliver on without a break (no duplicates among their
 * messages). The broker's timeout (and how often it checks it) is shortened for the test with
 * {@code rabbitmqctl eval} and restored afterwards.
 */
@Tag("broker")
class ConsumerTimeoutTest {
    private ThreadContainer container;
    private AmqpResourceAdapter ra;
    private TestQueue queue;
    private String consumerTimeout;
    private String tickInterval;

    private static String env(String key) {
        return RabbitCtl.run("eval", "application:get_env(rabbit, " + key + ").")
                .trim();
    }

    private static void restore(String key, String saved) {
        // saved is {ok,Value} or undefined
        if (saved.startsWith("{ok,")) {
            String value = saved.substring(4, saved.length() - 1);
            RabbitCtl.run("eval", "application:set_env(rabbit, " + key + ", " + value + ").");
        } else {
            RabbitCtl.run("eval", "application:unset_env(rabbit, " + key + ").");
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        assertTrue(Broker.isLocal(), "this test sets the broker's consumer_timeout with rabbitmqctl");
        consumerTimeout = env("consumer_timeout");
        tickInterval = env("channel_tick_interval");
        // channels read both when they open: set before the activation opens its channels
        RabbitCtl.run("eval", "application:set_env(rabbit, consumer_timeout, 1000).");
        RabbitCtl.run("eval", "application:set_env(rabbit, channel_tick_interval, 250).");
        container = new ThreadContainer();
        ra = new AmqpResourceAdapter();
        ra.setHost(Broker.host());
        ra.setPort(Broker.port());
        ra.start(container);
        queue = TestQueue.declare("consumer-timeout");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            ra.stop();
            queue.close();
            container.close();
        } finally {
            restore("consumer_timeout", consumerTimeout);
            restore("channel_tick_interval", tickInterval);
        }
    }

    @Test
    void aSlowDeliveryCostsOnlyItsOwnSlotsChannel() throws Exception {
        int quick = 200;
        queue.channel().basicPublish(Message.builder("slow").messageId("slow").build(), "", queue.name());
        for (int i = 0; i < quick; i++) {
            queue.channel()
                    .basicPublish(Message.builder("q" + i).messageId("q" + i).build(), "", queue.name());
        }
        Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {
            int attempt = processed
                    .computeIfAbsent(m.messageId(), k -> new AtomicInteger())
                    .incrementAndGet();
            try {
                if (m.messageId().equals("slow") && attempt == 1) {
                    TimeUnit.MILLISECONDS.sleep(3_000); // past the 1 s consumer_timeout
                } else {
                    TimeUnit.MILLISECONDS.sleep(20); // the quick stream lasts past the timeout
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setResourceAdapter(ra);
        spec.setQueue(queue.name());
        spec.setMaxConcurrency(2);
        spec.setPrefetch(1);
        spec.setDeactivationTimeoutMillis(10_000);
        ra.endpointActivation(endpoints, spec);
        Await.until(
                Duration.ofSeconds(60),
                "every message processed",
                () -> processed.size() == quick + 1 && processed.get("slow").get() >= 2);
        ra.endpointDeactivation(endpoints, spec);
        int quickDuplicates = processed.entrySet().stream()
                .filter(e -> !e.getKey().equals("slow"))
                .mapToInt(e -> e.getValue().get() - 1)
                .sum();
        System.out.printf(
                "CONSUMER-TIMEOUT slow message attempts=%d quick messages=%d duplicates among them=%d%n",
                processed.get("slow").get(), quick, quickDuplicates);
        assertEquals(2, processed.get("slow").get(), "the slow message redelivered once, on the new channel");
        assertEquals(0, quickDuplicates, "the other slot delivered on, untouched");
        assertEquals(0, queue.depth());
    }
}
