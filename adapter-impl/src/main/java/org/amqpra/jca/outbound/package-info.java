/**
 * Outbound connections: the managed connection factory, managed connections (one AMQP channel
 * each, on broker connections shared per credentials), the handles and channels applications
 * hold, and the local and XA-lite transactions that map JTA onto {@code tx.select},
 * {@code tx.commit} and {@code tx.rollback}. Outside a container,
 * {@code StandaloneConnectionManager} is a small pool.
 */
package org.amqpra.jca.outbound;
