package org.amqpra.qpid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.jca.inbound.AmqpActivationSpec;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.EmbeddedQpid;
import org.amqpra.testsupport.Names;
import org.amqpra.testsupport.ThreadContainer;
import org.amqpra.testsupport.TransactedEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transacted deliveries (prefetch 10, two slots) with messages that fail once and one poison
 * message dead-lettered by the adapter, on Apache Qpid Broker-J and on RabbitMQ: every good
 * message processed exactly once, the poison one dead-lettered exactly once, nothing left.
 * (Qpid re-sends a channel's unacked deliveries at tx.rollback: the slot starts over on a fresh
 * channel there; RabbitMQ keeps them, and the slot settles on the same channel.)
 */
@Tag("broker")
@Tag("qpid")
class QpidDeliveryTest {
    private static EmbeddedQpid qpid;

    @BeforeAll
    static void startQpid() throws Exception {
        qpid = EmbeddedQpid.startForTests("qpid-work-delivery");
    }

    @AfterAll
    static void stopQpid() {
        if (qpid != null) {
            qpid.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"qpid", "rabbitmq"})
    void failOnceAndPoisonMessagesEachSettledOnce(String brokerName) throws Exception {
        boolean onQpid = brokerName.equals("qpid");
        String host = onQpid ? "127.0.0.1" : Broker.host();
        int port = onQpid ? qpid.port() : Broker.port();
        int n = 300;
        String queue = Names.unique("deliveries");
        String dlq = queue + ".dlq";
        try (Connection check =
                Connection.open(ConnectionParameters.fromUri("amqp://guest:guest@" + host + ":" + port + "/%2F"))) {
            Channel ch = check.channel();
            ch.queueDeclare(queue, false, false, false, false, false, null);
            ch.queueDeclare(dlq, false, false, false, false, false, null);
            ch.basicPublish(Message.builder("poison").messageId("poison").build(), "", queue);
            for (int i = 0; i < n; i++) {
                String id = (i % 50 == 7 ? "fail-once-" : "good-") + i;
                ch.basicPublish(Message.builder(id).messageId(id).build(), "", queue);
            }
            Map<String, Integer> processed = new ConcurrentHashMap<>();
            Set<String> failedOnce = ConcurrentHashMap.newKeySet();
            MessageEndpointFactory endpoints = TransactedEndpoints.of(m -> {
                String id = m.messageId();
                if (id.equals("poison") || id.startsWith("fail-once") && failedOnce.add(id)) {
                    throw new IllegalStateException("failing " + id);
                }
                processed.merge(id, 1, Integer::sum);
            });
            ThreadContainer container = new ThreadContainer();
            AmqpResourceAdapter ra = new AmqpResourceAdapter();
            ra.setHost(host);
            ra.setPort(port);
            ra.start(container);
            try {
                AmqpActivationSpec spec = new AmqpActivationSpec();
                spec.setResourceAdapter(ra);
                spec.setQueue(queue);
                spec.setMaxConcurrency(Integer.getInteger("slots", 2));
                spec.setPrefetch(Integer.getInteger("prefetch", 10));
                spec.setMaxRedeliveries(2);
                spec.setRedeliveryDelayMillis(0);
                spec.setDeadLetterExchange("amq.default");
                spec.setDeadLetterRoutingKey(dlq);
                ra.endpointActivation(endpoints, spec);
                Await.until(
                        Duration.ofSeconds(60),
                        "every good message processed and the poison one dead-lettered",
                        () -> processed.size() == n
                                && ch.queueDeclare(dlq, true, false, false, false, false, null)
                                                .messageCount()
                                        == 1);
                Thread.sleep(500); // a quiet period: no late duplicate, no second dead letter
                ra.endpointDeactivation(endpoints, spec);
            } finally {
                ra.stop();
                container.close();
            }
            assertEquals(n, processed.size(), brokerName + ": every message processed");
            assertTrue(
                    processed.values().stream().allMatch(c -> c == 1),
                    brokerName + ": none twice: "
                            + processed.entrySet().stream()
                                    .filter(e -> e.getValue() > 1)
                                    .toList());
            assertEquals(
                    1,
                    ch.queueDeclare(dlq, true, false, false, false, false, null).messageCount(),
                    brokerName + ": one dead letter");
            assertEquals(
                    0,
                    ch.queueDeclare(queue, true, false, false, false, false, null)
                            .messageCount(),
                    brokerName + ": nothing left in the queue");
            ch.queueDelete(queue);
            ch.queueDelete(dlq);
        }
    }
}
