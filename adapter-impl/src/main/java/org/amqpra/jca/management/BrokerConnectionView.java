package org.amqpra.jca.management;

import java.time.Instant;
import org.amqpra.client.Address;
import org.amqpra.client.Connection;

/** A broker connection's bean, registered while it is open. */
public final class BrokerConnectionView implements BrokerConnectionMXBean {
    private final Connection connection;
    private final Instant since = Instant.now();

    private BrokerConnectionView(Connection connection) {
        this.connection = connection;
    }

    /**
     * Registers a bean for {@code connection} until it closes (its close listener removes it).
     * Called right after the connection opened.
     */
    public static void registerWhileOpen(Connection connection) {
        String name = connection.parameters().connectionName();
        ManagementRegistration r = ManagementRegistration.register(
                "BrokerConnection", new BrokerConnectionView(connection), "name", name == null ? "amqp-ra" : name);
        connection.addCloseListener(cause -> r.close());
    }

    @Override
    public String getName() {
        String name = connection.parameters().connectionName();
        return name == null ? "" : name;
    }

    @Override
    public String getNode() {
        Address a = connection.connectedAddress();
        return a == null ? "" : a.host() + ":" + a.port();
    }

    @Override
    public String getClusterName() {
        String c = connection.clusterName();
        return c == null ? "" : c;
    }

    @Override
    public String getSince() {
        return since.toString();
    }

    @Override
    public int getHeartbeatSeconds() {
        return connection.heartbeatSeconds();
    }

    @Override
    public boolean isBlocked() {
        return connection.isBlocked();
    }

    @Override
    public int getChannels() {
        return connection.channels().size();
    }
}
