package org.amqpra.jca.inbound;

/** What an activation is doing, as its MBean shows it. */
enum ActivationState {
    /** No broker connection yet, or reconnecting after losing it. */
    CONNECTING,
    /** Consuming and delivering. */
    DELIVERING,
    /** Every delivery fails: failed messages are requeued after growing pauses, none dead-lettered. */
    BACKING_OFF,
    /** Paused by an operator or after {@code maxConsecutiveFailures}: no consumer on the broker. */
    PAUSED,
    /** Deactivated. */
    STOPPED
}
