/**
 * The AMQP client: {@link org.amqpra.client.Connection} (the Java SE entry point) and
 * {@link org.amqpra.client.ConnectionParameters}; inside, the transports, the write path
 * ({@code FrameOutput}, {@code PendingBytes} and the policies), channels ({@code ChannelImpl},
 * {@code ChannelCore}, {@code ChannelConfirms},
 * {@code ChannelReader}), RPC correlation, publisher confirms, the dispatcher of consumer
 * callbacks, heartbeats, TLS and SASL. Knows nothing of Jakarta Connectors. Threads and locks
 * are described in the repository's {@code ARCHITECTURE.md}.
 */
package org.amqpra.client;
