/**
 * The orders demo: {@code POST /api/orders} stores an order and publishes {@code order.created}
 * in one JTA transaction; {@link org.amqpra.demo.OrderShipper} (an MDB) ships it and publishes
 * {@code order.shipped} in its delivery's transaction; an order that keeps failing is
 * dead-lettered by the adapter and marked so by {@link org.amqpra.demo.DeadLetterRecorder}.
 */
package org.amqpra.demo;
