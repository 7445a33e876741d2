package org.amqpra.jca.inbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.jca.BrokerConfig;

/**
 * How a message-driven bean consumes: the queue (required), optional declarations, prefetch,
 * concurrency, acknowledgement, redelivery limit and dead-lettering, reconnect back-off, and
 * broker coordinates that default to the resource adapter's. Identity equality, as Connectors
 * requires of activation specs: two alike specs are two activations.
 */
public class AmqpActivationSpec implements ActivationSpec, Serializable {
    private static final long serialVersionUID = 1L;

    private String queue;
    private Boolean declare = false;
    private Boolean durable = true;
    private String exchange;
    private String exchangeType = "direct";
    private String routingKey;
    private Integer prefetch = 10;
    private Integer maxConcurrency = 5;
    private Boolean autoAck = false;
    private Integer maxRedeliveries = 5;
    private Integer maxConsecutiveFailures;
    private String deadLetterExchange;
    private String deadLetterRoutingKey;
    private Integer redeliveryDelayMillis = 100;
    private Integer maxRedeliveryDelayMillis = 10_000;
    private Integer reconnectInitialDelayMillis = 1000;
    private Integer reconnectMaxDelayMillis = 30_000;
    private Integer deactivationTimeoutMillis = 30_000;
    private String queueType;
    private Integer deliveryLimit;
    private String queueDeadLetterExchange;
    private String queueDeadLetterRoutingKey;
    private String queueDeadLetterStrategy;
    private Boolean singleActiveConsumer;
    private String queueArguments;
    private Integer consumerPriority;
    private Boolean exclusive;
    private String consumerTagPrefix;
    private final BrokerConfig broker = new BrokerConfig();
    private transient AmqpResourceAdapter resourceAdapter;

    /** Queue to consume (required). */
    public String getQueue() {
        return queue;
    }
    /** Sets the queue. */
    public void setQueue(String v) {
        queue = v;
    }
    /** Declare the queue (and exchange and binding, if named) at activation; default false. */
    public Boolean getDeclare() {
        return declare;
    }
    /** Sets whether to declare. */
    public void setDeclare(Boolean v) {
        declare = v;
    }
    /** Durability of what is declared; default true. */
    public Boolean getDurable() {
        return durable;
    }
    /** Sets durability. */
    public void setDurable(Boolean v) {
        durable = v;
    }
    /** Exchange to declare and bind the queue to (with declare=true), or null. */
    public String getExchange() {
        return exchange;
    }
    /** Sets the exchange. */
    public void setExchange(String v) {
        exchange = v;
    }
    /** Type of the declared exchange; default direct. */
    public String getExchangeType() {
        return exchangeType;
    }
    /** Sets the exchange type. */
    public void setExchangeType(String v) {
        exchangeType = v;
    }
    /** Binding key; default: the queue name. */
    public String getRoutingKey() {
        return routingKey;
    }
    /** Sets the binding key. */
    public void setRoutingKey(String v) {
        routingKey = v;
    }
    /** basic.qos prefetch per delivery slot; default 10. */
    public Integer getPrefetch() {
        return prefetch;
    }
    /** Sets the prefetch. */
    public void setPrefetch(Integer v) {
        prefetch = v;
    }
    /** Delivery slots (channels), i.e. the most simultaneous onMessage calls; default 5. */
    public Integer getMaxConcurrency() {
        return maxConcurrency;
    }
    /** Sets the concurrency. */
    public void setMaxConcurrency(Integer v) {
        maxConcurrency = v;
    }
    /** True: the broker forgets each message as it sends it (at most once; a failing MDB loses it). Default false. */
    public Boolean getAutoAck() {
        return autoAck;
    }
    /** Sets auto-ack. */
    public void setAutoAck(Boolean v) {
        autoAck = v;
    }
    /** Failed deliveries retried before dead-lettering; default 5 (so 6 attempts). */
    public Integer getMaxRedeliveries() {
        return maxRedeliveries;
    }
    /** Sets the redelivery limit. */
    public void setMaxRedeliveries(Integer v) {
        maxRedeliveries = v;
    }
    /**
     * Failed deliveries in a row (any messages, no success between) after which the activation
     * pauses itself until resumed over JMX; unset or 0: never (it only backs off).
     */
    public Integer getMaxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }
    /** Sets the failures in a row that pause the activation. */
    public void setMaxConsecutiveFailures(Integer v) {
        maxConsecutiveFailures = v;
    }
    /** Type of the queue declare=true creates: classic or quorum (x-queue-type); unset: the broker's default. */
    public String getQueueType() {
        return queueType;
    }
    /** Sets the queue type. */
    public void setQueueType(String v) {
        queueType = v;
    }
    /** Broker-side delivery limit of a quorum queue (x-delivery-limit); unset: none. */
    public Integer getDeliveryLimit() {
        return deliveryLimit;
    }
    /** Sets the broker-side delivery limit. */
    public void setDeliveryLimit(Integer v) {
        deliveryLimit = v;
    }
    /** Declare the queue with x-single-active-consumer. */
    public Boolean getSingleActiveConsumer() {
        return singleActiveConsumer;
    }
    /** Sets single active consumer. */
    public void setSingleActiveConsumer(Boolean v) {
        singleActiveConsumer = v;
    }
    /** Further queue.declare arguments, key=value;key=value (true/false booleans, whole numbers longs). */
    public String getQueueArguments() {
        return queueArguments;
    }
    /** Sets further queue arguments. */
    public void setQueueArguments(String v) {
        queueArguments = v;
    }

    /**
     * The queue's own dead-letter exchange ({@code x-dead-letter-exchange}) for declare=true:
     * where the broker sends what it rejects, expires or (quorum) counts past the delivery limit;
     * {@code amq.default} for the default exchange. Not the adapter's {@code deadLetterExchange}.
     */
    public String getQueueDeadLetterExchange() {
        return queueDeadLetterExchange;
    }

    public void setQueueDeadLetterExchange(String v) {
        queueDeadLetterExchange = v;
    }

    /** The queue's dead-letter routing key ({@code x-dead-letter-routing-key}); unset: the message's own. */
    public String getQueueDeadLetterRoutingKey() {
        return queueDeadLetterRoutingKey;
    }

    public void setQueueDeadLetterRoutingKey(String v) {
        queueDeadLetterRoutingKey = v;
    }

    /**
     * {@code at-most-once} (the broker's default) or {@code at-least-once}
     * ({@code x-dead-letter-strategy}, quorum queues: the broker keeps a dead letter until the
     * dead-letter queue confirmed it; needs {@code x-overflow=reject-publish}, which is then set).
     */
    public String getQueueDeadLetterStrategy() {
        return queueDeadLetterStrategy;
    }

    public void setQueueDeadLetterStrategy(String v) {
        queueDeadLetterStrategy = v;
    }
    /** The consumers' priority (x-priority; higher first while they have room); unset: none. */
    public Integer getConsumerPriority() {
        return consumerPriority;
    }
    /** Sets the consumer priority. */
    public void setConsumerPriority(Integer v) {
        consumerPriority = v;
    }
    /** An exclusive consumer (no other consumer on the queue); needs maxConcurrency=1. */
    public Boolean getExclusive() {
        return exclusive;
    }
    /** Sets the exclusive flag. */
    public void setExclusive(Boolean v) {
        exclusive = v;
    }
    /** Start of each consumer tag ({@code <prefix>-<random>}); unset: tags the broker generates. */
    public String getConsumerTagPrefix() {
        return consumerTagPrefix;
    }
    /** Sets the consumer tag prefix. */
    public void setConsumerTagPrefix(String v) {
        consumerTagPrefix = v;
    }
    /** The consumer tag a delivery slot asks for: "" lets the broker generate one. */
    String consumerTag() {
        return consumerTagPrefix == null || consumerTagPrefix.isBlank()
                ? ""
                : consumerTagPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
    /** The basic.consume arguments of every slot (x-priority), or null. */
    Map<String, Object> consumerArguments() {
        return consumerPriority == null ? null : Map.of("x-priority", consumerPriority);
    }
    /** The arguments declare=true sends with queue.declare (validated by {@link #validate()}). */
    Map<String, Object> declareArguments() {
        return QueueArguments.of(this, new StringBuilder());
    }
    /** Exchange for poison messages ("amq.default" for the default exchange); unset: reject without requeue. */
    public String getDeadLetterExchange() {
        return deadLetterExchange;
    }
    /** Sets the dead-letter exchange. */
    public void setDeadLetterExchange(String v) {
        deadLetterExchange = v;
    }
    /** Routing key for dead-lettered messages; default: the message's own. */
    public String getDeadLetterRoutingKey() {
        return deadLetterRoutingKey;
    }
    /** Sets the dead-letter routing key. */
    public void setDeadLetterRoutingKey(String v) {
        deadLetterRoutingKey = v;
    }
    /**
     * Pause before a failed message is requeued: this long after its first failure, doubling
     * with each further failure (and with each failure while every delivery fails); default
     * 100 ms, 0 for none.
     */
    public Integer getRedeliveryDelayMillis() {
        return redeliveryDelayMillis;
    }
    /** Sets the first redelivery pause. */
    public void setRedeliveryDelayMillis(Integer v) {
        redeliveryDelayMillis = v;
    }
    /** Longest redelivery pause; default 10000 ms. */
    public Integer getMaxRedeliveryDelayMillis() {
        return maxRedeliveryDelayMillis;
    }
    /** Sets the longest redelivery pause. */
    public void setMaxRedeliveryDelayMillis(Integer v) {
        maxRedeliveryDelayMillis = v;
    }
    /** First reconnect delay; default 1000 ms, doubling. */
    public Integer getReconnectInitialDelayMillis() {
        return reconnectInitialDelayMillis;
    }
    /** Sets the first reconnect delay. */
    public void setReconnectInitialDelayMillis(Integer v) {
        reconnectInitialDelayMillis = v;
    }
    /** Longest reconnect delay; default 30000 ms. */
    public Integer getReconnectMaxDelayMillis() {
        return reconnectMaxDelayMillis;
    }
    /** Sets the longest reconnect delay. */
    public void setReconnectMaxDelayMillis(Integer v) {
        reconnectMaxDelayMillis = v;
    }
    /** How long deactivation waits for in-flight deliveries; default 30000 ms. */
    public Integer getDeactivationTimeoutMillis() {
        return deactivationTimeoutMillis;
    }
    /** Sets the deactivation wait. */
    public void setDeactivationTimeoutMillis(Integer v) {
        deactivationTimeoutMillis = v;
    }

    /** Broker host; unset: the adapter's. */
    public String getHost() {
        return broker.getHost();
    }
    /** Sets the host. */
    public void setHost(String v) {
        broker.setHost(v);
    }
    /** Broker nodes, {@code host:port,host:port} (precedence over host and port); unset: the adapter's. */
    public String getAddresses() {
        return broker.getAddresses();
    }
    /** Sets the broker nodes. */
    public void setAddresses(String v) {
        broker.setAddresses(v);
    }
    /** Broker port; unset: the adapter's. */
    public Integer getPort() {
        return broker.getPort();
    }
    /** Sets the port. */
    public void setPort(Integer v) {
        broker.setPort(v);
    }
    /** Virtual host; unset: the adapter's. */
    public String getVirtualHost() {
        return broker.getVirtualHost();
    }
    /** Sets the virtual host. */
    public void setVirtualHost(String v) {
        broker.setVirtualHost(v);
    }
    /** User; unset: the adapter's. */
    public String getUserName() {
        return broker.getUserName();
    }
    /** Sets the user. */
    public void setUserName(String v) {
        broker.setUserName(v);
    }
    /** Password; unset: the adapter's. */
    public String getPassword() {
        return broker.getPassword();
    }
    /** Sets the password. */
    public void setPassword(String v) {
        broker.setPassword(v);
    }
    /** Heartbeat seconds; unset: the adapter's. */
    public Integer getHeartbeatSeconds() {
        return broker.getHeartbeatSeconds();
    }
    /** Sets the heartbeat. */
    public void setHeartbeatSeconds(Integer v) {
        broker.setHeartbeatSeconds(v);
    }

    /** Broker coordinates: this spec's over the adapter's. */
    public BrokerConfig effectiveBroker() {
        return broker.withDefaults(
                resourceAdapter != null ? resourceAdapter.effective() : BrokerConfig.builtInDefaults());
    }

    @Override
    public void validate() throws InvalidPropertyException {
        StringBuilder problems = new StringBuilder();
        if (queue == null || queue.isBlank()) {
            problems.append("'queue' is required (the queue this endpoint consumes); ");
        }
        if (prefetch == null || prefetch < 1 || prefetch > 65535) {
            problems.append("'prefetch' must be 1-65535, got ").append(prefetch).append("; ");
        }
        if (maxConcurrency == null || maxConcurrency < 1 || maxConcurrency > 1000) {
            problems.append("'maxConcurrency' must be 1-1000, got ")
                    .append(maxConcurrency)
                    .append("; ");
        }
        if (maxRedeliveries == null || maxRedeliveries < 0) {
            problems.append("'maxRedeliveries' must be 0 or more, got ")
                    .append(maxRedeliveries)
                    .append("; ");
        }
        if (maxConsecutiveFailures != null && maxConsecutiveFailures < 0) {
            problems.append("'maxConsecutiveFailures' must be 0 (off) or more, got ")
                    .append(maxConsecutiveFailures)
                    .append("; ");
        }
        if (redeliveryDelayMillis == null
                || redeliveryDelayMillis < 0
                || maxRedeliveryDelayMillis == null
                || maxRedeliveryDelayMillis < redeliveryDelayMillis) {
            problems.append("redelivery delays must be 0 or more, the maximum at least the first; ");
        }
        if (exchange != null && !exchange.isEmpty() && !Boolean.TRUE.equals(declare)) {
            problems.append("'exchange' is only used with declare=true; ");
        }
        if (deadLetterRoutingKey != null && deadLetterExchange == null) {
            problems.append("'deadLetterRoutingKey' needs 'deadLetterExchange'; ");
        }
        if (reconnectInitialDelayMillis == null
                || reconnectInitialDelayMillis < 1
                || reconnectMaxDelayMillis == null
                || reconnectMaxDelayMillis < reconnectInitialDelayMillis) {
            problems.append("reconnect delays must be positive, the maximum at least the initial; ");
        }
        QueueArguments.of(this, problems);
        if (Boolean.TRUE.equals(exclusive) && maxConcurrency != null && maxConcurrency != 1) {
            problems.append("'exclusive' needs maxConcurrency=1 (a queue has one exclusive consumer); ");
        }
        if (problems.length() > 0) {
            throw new InvalidPropertyException("invalid amqp-ra activation for queue '" + queue + "': "
                    + problems.substring(0, problems.length() - 2));
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        resourceAdapter = AmqpResourceAdapter.require(ra);
    }

    @Override
    public String toString() {
        return "AmqpActivationSpec{queue=" + queue + ", maxConcurrency=" + maxConcurrency + ", prefetch=" + prefetch
                + ", maxRedeliveries=" + maxRedeliveries + ", deadLetterExchange=" + deadLetterExchange + '}';
    }
}
