/**
 * Inbound delivery to message-driven beans: the activation spec, the activation (its own
 * broker connection with N delivery slots, reconnecting with back-off), the delivery slots
 * (one channel and consumer each, the ack inside the MDB's transaction), and redelivery
 * counting, pausing and dead-lettering.
 */
package org.amqpra.jca.inbound;
