package org.amqpra;

/**
 * Hands out connections: in a container, the resource adapter's pooled factory looked up by
 * {@code @Resource}; standalone, a factory over fixed connection parameters.
 */
public interface AmqpConnectionFactory {

    /** A connection with the configured (or container-managed) credentials. */
    AmqpConnection getConnection();

    /** A connection signed on as {@code user} (component-managed sign-on). */
    AmqpConnection getConnection(String user, String password);
}
