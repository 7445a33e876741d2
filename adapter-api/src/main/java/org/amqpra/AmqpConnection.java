package org.amqpra;

import java.time.Duration;
import java.util.Map;

/**
 * A connection to an AMQP 0-9-1 broker: the standalone client connection, or a connection
 * handle from the resource adapter (whose {@link #channel()} is the managed, enlisted channel).
 */
public interface AmqpConnection extends AutoCloseable {

    /** Opens a new channel with the next free channel number. */
    Channel channel();

    /** Returns the open channel with this number, or opens it. */
    Channel channel(int channelId);

    /** Closes the connection normally. Idempotent. */
    @Override
    void close();

    /** Closes with a reason ({@code connection.close} handshake, then the socket). */
    void close(int replyCode, String replyText, int classId, int methodId);

    /** True while the connection is open. */
    boolean isConnected();

    /**
     * True while the connection is open and the peer is alive: checks the socket and the
     * heartbeat state and, if heartbeats are off, sends one as a last resort.
     */
    boolean isAlive();

    /**
     * Waits up to {@code timeout} for an event (delivery, consumer cancellation) and runs its
     * callback on this thread; then runs any further events already waiting, without blocking.
     * A null timeout waits without limit.
     *
     * <p>Acks that callbacks make while further events wait behind them are written together:
     * after the last callback of the batch, or between two callbacks once the oldest of them is
     * 100 µs old, or with any other write of the connection (a publish, an RPC). So a slow
     * callback delays the acks of the callbacks before it in its batch by its own duration (and
     * a callback that blocks, by up to a second, when the connection's monitor writes them).
     * Publishes are never held back. A callback that throws ends the call with its
     * exception; the events behind it stay queued for the next call.
     *
     * @throws AmqpTimeoutException if nothing arrived in time
     */
    void drainEvents(Duration timeout);

    /** Calls {@link #drainEvents} until {@code timeout} passes, without throwing on timeout. */
    void loop(Duration timeout);

    /** Sends a heartbeat frame now. */
    void sendHeartbeat();

    /** The {@code capabilities} table from the broker's {@code connection.start}. */
    Map<String, Object> serverCapabilities();

    /** All server properties from {@code connection.start}. */
    Map<String, Object> serverProperties();
}
