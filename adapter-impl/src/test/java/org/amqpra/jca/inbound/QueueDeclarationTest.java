package org.amqpra.jca.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.Names;
import org.amqpra.testsupport.RabbitCtl;
import org.amqpra.testsupport.ThreadContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What declare=true creates (part of the cluster issue's item 3): a quorum queue with the
 * broker's delivery limit and further arguments; a declaration that conflicts with an existing
 * queue is retried with back-off until an operator fixes the queue.
 */
@Tag("broker")
class QueueDeclarationTest {
    private ThreadContainer container;
    private AmqpResourceAdapter ra;

    @BeforeEach
    void startAdapter() throws Exception {
        container = new ThreadContainer();
        ra = new AmqpResourceAdapter();
        ra.setHost(Broker.host());
        ra.setPort(Broker.port());
        ra.start(container);
    }

    @AfterEach
    void stopAdapter() throws Exception {
        ra.stop();
        container.close();
    }

    /** The broker's view of a queue: its type and arguments (rabbitmqctl list_queues). */
    private static String brokerView(String queue) {
        return RabbitCtl.run("list_queues", "-q", "name", "type", "arguments")
                .lines()
                .filter(l -> l.startsWith(queue + "\t"))
                .findFirst()
                .orElse("");
    }

    private static AmqpActivationSpec spec(AmqpResourceAdapter ra, String queue) throws Exception {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setResourceAdapter(ra);
        spec.setQueue(queue);
        spec.setDeclare(true);
        spec.setMaxConcurrency(1);
        spec.setReconnectInitialDelayMillis(100);
        spec.setReconnectMaxDelayMillis(400);
        spec.setDeactivationTimeoutMillis(10_000);
        return spec;
    }

    @Test
    void aQuorumQueueWithADeliveryLimitAndArgumentsIsDeclaredAndConsumed() throws Exception {
        assertTrue(Broker.isLocal(), "this test reads the queue's type with rabbitmqctl");
        String queue = Names.unique("quorum");
        AtomicInteger delivered = new AtomicInteger();
        try (Connection plain = Broker.connect()) {
            Channel check = plain.channel();
            AmqpActivationSpec spec = spec(ra, queue);
            spec.setQueueType("quorum");
            spec.setDeliveryLimit(2);
            spec.setQueueArguments("x-max-length=1000;x-overflow=reject-publish");
            MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> delivered.incrementAndGet());
            ra.endpointActivation(endpoints, spec);
            Await.until(
                    Duration.ofSeconds(20),
                    "the quorum queue declared",
                    () -> brokerView(queue).contains("quorum"));
            String view = brokerView(queue);
            assertTrue(view.contains("x-delivery-limit") && view.contains("x-max-length"), view);
            check.basicPublish(Message.builder("q").build(), "", queue);
            Await.until(Duration.ofSeconds(10), "the message delivered", () -> delivered.get() == 1);
            ra.endpointDeactivation(endpoints, spec);
            check.queueDelete(queue);
        }
    }

    @Test
    void aPoisonMessageOnAQuorumQueueSharedByTwoActivationsIsDeadLetteredByTheBrokerAtItsLimit() throws Exception {
        String queue = Names.unique("poison-quorum");
        String dlq = queue + ".dlq";
        AtomicInteger attempts = new AtomicInteger();
        List<MessageEndpointFactory> endpoints = new ArrayList<>();
        List<AmqpActivationSpec> specs = new ArrayList<>();
        try (Connection plain = Broker.connect()) {
            Channel check = plain.channel();
            check.queueDeclare(dlq, false, false, false, false, false, null);
            for (int i = 0; i < 2; i++) { // two deployments (or servers) consuming one queue
                AmqpActivationSpec spec = spec(ra, queue);
                spec.setQueueType("quorum");
                spec.setDeliveryLimit(2);
                spec.setQueueDeadLetterExchange("amq.default");
                spec.setQueueDeadLetterRoutingKey(dlq);
                spec.setQueueDeadLetterStrategy("at-least-once");
                spec.setMaxRedeliveries(10); // steps aside: the broker's limit applies
                spec.setRedeliveryDelayMillis(0);
                MessageEndpointFactory e = ThreadContainer.endpoints(m -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("poison");
                });
                ra.endpointActivation(e, spec);
                endpoints.add(e);
                specs.add(spec);
            }
            Await.until(
                    Duration.ofSeconds(20),
                    "the quorum queue declared",
                    () -> brokerView(queue).contains("quorum"));
            check.basicPublish(
                    Message.builder("poison").messageId("poison").persistent().build(), "", queue);
            Message dead = Await.value(
                    Duration.ofSeconds(30), "the dead letter", () -> check.basicGet(dlq, true), m -> m != null);
            for (int i = 0; i < 2; i++) {
                ra.endpointDeactivation(endpoints.get(i), specs.get(i));
            }
            assertEquals("poison", dead.messageId());
            assertEquals(
                    3, attempts.get(), "1 delivery + deliveryLimit redeliveries, counted by the broker across both");
            assertTrue(
                    String.valueOf(dead.header("x-death")).contains("delivery_limit"), String.valueOf(dead.headers()));
            check.queueDelete(queue);
            check.queueDelete(dlq);
        }
    }

    @Test
    void aConflictingDeclarationIsRetriedUntilTheQueueIsFixed() throws Exception {
        String queue = Names.unique("conflict");
        AtomicInteger delivered = new AtomicInteger();
        try (Connection plain = Broker.connect()) {
            Channel check = plain.channel();
            check.queueDeclare(queue, false, true, false, false, false, null); // an existing classic queue
            AmqpActivationSpec spec = spec(ra, queue);
            spec.setQueueType("quorum");
            MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> delivered.incrementAndGet());
            ra.endpointActivation(endpoints, spec); // 406 from the broker: retried with back-off
            check.basicPublish(Message.builder("waits").build(), "", queue);
            Await.until(
                    Duration.ofSeconds(5),
                    "the classic queue still holds the message",
                    () -> check.queueDeclare(queue, true, false, false, false, false, null)
                                    .messageCount()
                            == 1);
            assertEquals(0, delivered.get(), "nothing consumed from the conflicting queue");
            check.queueDelete(queue); // the operator removes the conflicting queue
            Await.until(
                    Duration.ofSeconds(10),
                    "the activation declared its quorum queue on a retry",
                    () -> RabbitCtl.run("list_queues", "-q", "name", "type").contains(queue + "\tquorum"));
            check.basicPublish(Message.builder("now").build(), "", queue);
            Await.until(Duration.ofSeconds(10), "the message delivered", () -> delivered.get() == 1);
            ra.endpointDeactivation(endpoints, spec);
            check.queueDelete(queue);
        }
    }

    @Test
    void consumerPriorityAndTagPrefixReachTheBroker() throws Exception {
        assertTrue(Broker.isLocal(), "this test lists the consumers with rabbitmqctl");
        String queue = Names.unique("consumers");
        try (Connection plain = Broker.connect()) {
            AmqpActivationSpec spec = spec(ra, queue);
            spec.setDurable(false);
            spec.setMaxConcurrency(2);
            spec.setConsumerPriority(5);
            spec.setConsumerTagPrefix("orders");
            MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {});
            ra.endpointActivation(endpoints, spec);
            String consumers = Await.value(
                            Duration.ofSeconds(10),
                            "two consumers on " + queue,
                            () -> RabbitCtl.run("list_consumers", "-q", "queue_name", "consumer_tag", "arguments")
                                    .lines()
                                    .filter(l -> l.startsWith(queue + "\t"))
                                    .toList(),
                            lines -> lines.size() == 2)
                    .toString();
            assertTrue(consumers.contains("\torders-"), consumers);
            assertTrue(consumers.contains("x-priority") && consumers.contains("5"), consumers);
            ra.endpointDeactivation(endpoints, spec);
            plain.channel().queueDelete(queue);
        }
    }

    @Test
    void declarationPropertiesThatCannotWorkAreRefusedNamingTheProperty() throws Exception {
        AmqpActivationSpec transientQuorum = spec(ra, "q");
        transientQuorum.setQueueType("quorum");
        transientQuorum.setDurable(false);
        assertTrue(assertThrows(InvalidPropertyException.class, transientQuorum::validate)
                .getMessage()
                .contains("'queueType'"));
        AmqpActivationSpec limitOnClassic = spec(ra, "q");
        limitOnClassic.setDeliveryLimit(2);
        assertTrue(assertThrows(InvalidPropertyException.class, limitOnClassic::validate)
                .getMessage()
                .contains("'deliveryLimit'"));
        AmqpActivationSpec badArgs = spec(ra, "q");
        badArgs.setQueueArguments("x-max-length");
        assertTrue(assertThrows(InvalidPropertyException.class, badArgs::validate)
                .getMessage()
                .contains("'queueArguments'"));
        AmqpActivationSpec exclusiveOfTwo = spec(ra, "q");
        exclusiveOfTwo.setExclusive(true);
        exclusiveOfTwo.setMaxConcurrency(2);
        assertTrue(assertThrows(InvalidPropertyException.class, exclusiveOfTwo::validate)
                .getMessage()
                .contains("'exclusive'"));
        AmqpActivationSpec strategyOnClassic = spec(ra, "q");
        strategyOnClassic.setQueueDeadLetterStrategy("at-least-once");
        assertTrue(assertThrows(InvalidPropertyException.class, strategyOnClassic::validate)
                .getMessage()
                .contains("'queueDeadLetterStrategy'"));
        AmqpActivationSpec strategyWithDropHead = spec(ra, "q");
        strategyWithDropHead.setQueueType("quorum");
        strategyWithDropHead.setQueueDeadLetterStrategy("at-least-once");
        strategyWithDropHead.setQueueArguments("x-overflow=drop-head");
        assertTrue(assertThrows(InvalidPropertyException.class, strategyWithDropHead::validate)
                .getMessage()
                .contains("reject-publish"));
        AmqpActivationSpec keyWithoutExchange = spec(ra, "q");
        keyWithoutExchange.setQueueDeadLetterRoutingKey("k");
        assertTrue(assertThrows(InvalidPropertyException.class, keyWithoutExchange::validate)
                .getMessage()
                .contains("'queueDeadLetterRoutingKey'"));
        AmqpActivationSpec stream = spec(ra, "q");
        stream.setQueueType("stream");
        assertTrue(assertThrows(InvalidPropertyException.class, stream::validate)
                .getMessage()
                .contains("classic or quorum"));
    }
}
