/**
 * What operators see of the adapter over JMX (the platform MBean server, domain
 * {@code org.amqpra}): the MXBean interfaces of activations, connection factories and broker
 * connections, the counters and the fixed-size latency histogram behind them, the health
 * verdict, and the registration that removes every bean again when its owner goes away.
 */
package org.amqpra.jca.management;
