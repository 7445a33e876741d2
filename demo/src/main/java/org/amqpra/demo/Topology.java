package org.amqpra.demo;

/** The demo's exchange, routing keys and queues; the MDBs' activations declare them. */
public final class Topology {
    /** The topic exchange every order event goes to. */
    public static final String EXCHANGE = "demo.orders";
    /** A new order. */
    public static final String CREATED = "order.created";
    /** A shipped order. */
    public static final String SHIPPED = "order.shipped";
    /** The shipper's queue (bound to {@link #CREATED}). */
    public static final String SHIPPING_QUEUE = "demo.orders.created";
    /** Where the adapter dead-letters orders the shipper keeps failing on (default exchange, by name). */
    public static final String DEAD_LETTER_QUEUE = "demo.orders.dead";

    private Topology() {}
}
