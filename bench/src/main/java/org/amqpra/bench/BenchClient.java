package org.amqpra.bench;

/**
 * What a scenario asks of a client. Implemented once with our client and once with
 * com.rabbitmq:amqp-client, doing the same AMQP work the idiomatic way of each.
 */
interface BenchClient extends AutoCloseable {
    /** Short name for the report. */
    String name();

    /** Declares a fresh non-durable, non-exclusive queue and returns its name. */
    String freshQueue(String prefix) throws Exception;

    /** Deletes a queue. */
    void deleteQueue(String q) throws Exception;

    /** Messages ready in a queue. */
    long depth(String q) throws Exception;

    /** Publishes {@code count} bodies to {@code q} without confirms. */
    void publish(String q, byte[] body, int count) throws Exception;

    /** Publishes with asynchronous confirms, at most {@code window} unconfirmed; returns when all are acked. */
    void publishConfirmed(String q, byte[] body, int count, int window) throws Exception;

    /** A channel in tx mode publishing {@code body} to {@code q}. */
    TxPublisher txPublisher(String q, byte[] body) throws Exception;

    /** Transactions one at a time. */
    interface TxPublisher extends AutoCloseable {
        /** Publishes {@code messages} bodies, then tx.commit. */
        void commitBatch(int messages) throws Exception;

        @Override
        void close() throws Exception;
    }

    /**
     * Consumes {@code count} messages with manual acks and the given prefetch, acking each one
     * ({@code ackEvery} 1) or every {@code ackEvery} with {@code multiple}; returns when done.
     */
    void consume(String q, int count, int prefetch, int ackEvery) throws Exception;

    /** Starts consuming {@code q} for round trips (publish, then wait for that message) on one connection. */
    RoundTripper roundTripper(String q, byte[] body) throws Exception;

    /** One publish-to-consume round trip at a time. */
    interface RoundTripper extends AutoCloseable {
        /** Publishes one message and waits for its delivery; returns the latency in nanoseconds. */
        long once() throws Exception;

        @Override
        void close() throws Exception;
    }

    @Override
    void close() throws Exception;
}
