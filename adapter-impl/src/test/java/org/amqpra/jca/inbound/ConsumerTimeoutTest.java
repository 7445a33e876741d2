package org.amqpra.jca.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import org.amqpra.Message;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.DeliveryLog;
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
        DeliveryLog processed = new DeliveryLog();
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {
            int attempt = processed.record(m);
            // the slow message's first attempt outlasts the 1 s consumer_timeout; the quick
            // stream lasts past it too
            DeliveryLog.work(m.messageId().equals("slow") && attempt == 1 ? 3_000 : 20);
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
                () -> processed.distinct() == quick + 1 && processed.attempts("slow") >= 2);
        ra.endpointDeactivation(endpoints, spec);
        int quickDuplicates = processed.duplicates() - (processed.attempts("slow") - 1);
        System.out.printf(
                "CONSUMER-TIMEOUT slow message attempts=%d quick messages=%d duplicates among them=%d%n",
                processed.attempts("slow"), quick, quickDuplicates);
        assertEquals(2, processed.attempts("slow"), "the slow message redelivered once, on the new channel");
        assertEquals(0, quickDuplicates, "the other slot delivered on, untouched");
        assertEquals(0, queue.depth());
    }
}
