/**
 * The side-by-side benchmark harness: our client and {@code com.rabbitmq:amqp-client} run the
 * same scenarios against the same broker in the same JVM, taking turns; the report gives
 * medians, spread and ratios. Method and the latest table are in {@code bench/README.md}.
 */
package org.amqpra.bench;
