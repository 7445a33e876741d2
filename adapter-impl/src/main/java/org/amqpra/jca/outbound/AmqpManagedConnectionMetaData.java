package org.amqpra.jca.outbound;

import jakarta.resource.spi.ManagedConnectionMetaData;
import org.amqpra.client.Connection;

/** Broker product and version as reported in connection.start, and the signed-on user. */
final class AmqpManagedConnectionMetaData implements ManagedConnectionMetaData {
    private final Connection connection;
    private final String user;

    AmqpManagedConnectionMetaData(Connection connection, String user) {
        this.connection = connection;
        this.user = user;
    }

    @Override
    public String getEISProductName() {
        return String.valueOf(connection.serverProperties().getOrDefault("product", "AMQP 0-9-1 broker"));
    }

    @Override
    public String getEISProductVersion() {
        return String.valueOf(connection.serverProperties().getOrDefault("version", "unknown"));
    }

    @Override
    public int getMaxConnections() {
        return 0; // no limit imposed by the adapter
    }

    @Override
    public String getUserName() {
        return user;
    }
}
