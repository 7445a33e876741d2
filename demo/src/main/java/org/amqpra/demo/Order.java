package org.amqpra.demo;

/** An order as the REST resource shows it (JSON). */
public class Order {
    public long id;
    public String item;
    public int quantity;
    /** {@code CREATED}, {@code SHIPPED} or {@code DEAD_LETTERED}. */
    public String state;
    /** Deliveries of its {@code order.created} message to the shipper. */
    public int attempts;
    /** When it was placed and when it reached its final state (epoch milliseconds; 0: not yet). */
    public long createdAt;

    public long finishedAt;
}
