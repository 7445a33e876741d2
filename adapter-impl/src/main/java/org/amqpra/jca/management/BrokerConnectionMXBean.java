package org.amqpra.jca.management;

/**
 * One broker connection, as {@code org.amqpra:type=BrokerConnection,name=<connection_name>}:
 * registered when it opens, removed when it closes.
 */
public interface BrokerConnectionMXBean {
    /** Its {@code connection_name}, as the broker shows it. */
    String getName();

    /** The broker address ({@code host:port}) it is connected to. */
    String getNode();

    /** The {@code cluster_name} the broker announced, or empty. */
    String getClusterName();

    /** When it opened (ISO-8601). */
    String getSince();

    /** The negotiated heartbeat interval in seconds (0: none). */
    int getHeartbeatSeconds();

    /** Whether the broker blocked publishing on it (memory or disk alarm). */
    boolean isBlocked();

    /** Channels open on it. */
    int getChannels();
}
