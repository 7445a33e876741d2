package org.amqpra.testsupport;

import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;

/**
 * Connections of our client to the test broker, which {@link BrokerLocator} (module
 * {@code test-support}) finds.
 */
public final class Broker {
    private Broker() {}

    /** The broker's URI (guest/guest, vhost "/"). */
    public static String uri() {
        return BrokerLocator.uri();
    }

    /** Host of the broker. */
    public static String host() {
        return BrokerLocator.host();
    }

    /** Port of the broker. */
    public static int port() {
        return BrokerLocator.port();
    }

    /** Parameters for the test broker. */
    public static ConnectionParameters.Builder params() {
        return ConnectionParameters.fromUri(uri()).toBuilder();
    }

    /** A new connection to the test broker. */
    public static Connection connect() {
        return Connection.open(params().build());
    }

    /** True when the local broker can be driven with rabbitmqctl. */
    public static boolean isLocal() {
        return BrokerLocator.isLocal();
    }
}
