package org.amqpra.jca.management;

/**
 * One message-driven bean's activation, as {@code org.amqpra:type=Activation,endpoint=...,queue=...}.
 * Counts are since the activation started (WildFly's {@code start-delivery} starts a new one).
 */
public interface ActivationMXBean {
    /** The container's name of the endpoint (the message-driven bean). */
    String getEndpoint();

    /** The queue it consumes from. */
    String getQueue();

    /**
     * {@code CONNECTING} (no broker connection yet, or reconnecting after losing it),
     * {@code DELIVERING}, {@code BACKING_OFF} (every delivery fails: failed messages are
     * requeued after growing pauses), {@code PAUSED} (by an operator, or after
     * {@code maxConsecutiveFailures}), {@code STOPPED} (deactivated).
     */
    String getState();

    /** Why it is paused, or empty. */
    String getPausedReason();

    /** Deliveries handed to the endpoint. */
    long getDelivered();

    /** Deliveries processed (and, if transacted, committed). */
    long getSucceeded();

    /** Deliveries that failed: {@code onMessage} threw, or the transaction rolled back. */
    long getFailed();

    /** Deliveries the broker marked as redelivered. */
    long getRedelivered();

    /** Messages the adapter dead-lettered (published to the dead-letter exchange, or rejected to the queue's). */
    long getDeadLettered();

    /** Deliveries in the endpoint right now. */
    int getInFlight();

    /** Delivery slots busy with a delivery. */
    int getSlotsBusy();

    /** Delivery slots (channels with a consumer) of the current connection. */
    int getSlotsTotal();

    /** Failures in a row, with no success between. */
    int getConsecutiveFailures();

    /** The broker address ({@code host:port}) of the activation's connection, or empty. */
    String getConnectedNode();

    /** Times the activation connected again after losing its connection or failing to connect. */
    long getReconnects();

    /** The last error (connecting or delivering), or empty. */
    String getLastError();

    /** When it happened (ISO-8601), or empty. */
    String getLastErrorTime();

    /** Deliveries timed (from {@code createEndpoint} to the end of {@code afterDelivery}). */
    long getDeliveryTimeCount();

    /** Their mean, in milliseconds. */
    double getDeliveryTimeMeanMillis();

    /** The longest, in milliseconds. */
    double getDeliveryTimeMaxMillis();

    /** The median, in milliseconds (from a histogram: at most 12.5 % high). */
    double getDeliveryTimeP50Millis();

    /** The 90th percentile, in milliseconds. */
    double getDeliveryTimeP90Millis();

    /** The 99th percentile, in milliseconds. */
    double getDeliveryTimeP99Millis();

    /** {@code HEALTHY}, {@code DEGRADED} or {@code DOWN}. */
    String getHealth();

    /** Why it is not healthy, or empty. */
    String getHealthReason();

    /**
     * Pauses delivery: cancels the consumers and keeps the connection; deliveries in progress
     * finish, messages the broker had sent ahead are handed back to the queue unprocessed.
     */
    void stopDelivery();

    /** Resumes delivery after {@link #stopDelivery()} or a pause after consecutive failures. */
    void startDelivery();
}
