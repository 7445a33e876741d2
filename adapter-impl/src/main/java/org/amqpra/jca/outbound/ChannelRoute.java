package org.amqpra.jca.outbound;

import org.amqpra.AmqpConnection;
import org.amqpra.Channel;

/**
 * Where the operations of a {@link ManagedChannel} go: the connection handle an application
 * holds decides, by the transaction state, which real channel does the work.
 */
interface ChannelRoute {
    /** The connection the application holds (what {@code Channel.connection()} returns). */
    AmqpConnection connection();

    /** The channel for an operation other than a publish: transactional inside a transaction. */
    Channel workChannel();

    /** The channel for a publish: the MDB delivery's own when in its transaction, else {@link #workChannel()}. */
    Channel publishChannel();

    /** The confirm channel, outside a transaction only ({@code operation} names the call in errors). */
    Channel confirmChannel(String operation);

    /** The statistics of the factory the connection came from. */
    FactoryStatistics statistics();
}
