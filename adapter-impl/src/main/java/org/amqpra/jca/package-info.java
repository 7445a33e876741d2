/**
 * The Jakarta Connectors 2.1 resource adapter: {@link org.amqpra.jca.AmqpResourceAdapter},
 * the broker configuration every factory and activation defaults to, the executor that runs
 * the client's threads as Connectors work on the container's WorkManager, and what the two
 * one-phase ("XA-lite") resources share.
 */
package org.amqpra.jca;
