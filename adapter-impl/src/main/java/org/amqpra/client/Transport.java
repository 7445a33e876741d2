package org.amqpra.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The byte stream between the connection and the broker. Writes are made by one thread at a
 * time (the frame output's socket lock, or the opening thread during the handshake); reads by
 * the connection's reader (the opening thread during the handshake).
 *
 * <p>Besides plain writes, a transport takes a write in parts: {@link #stage} copies pieces
 * into its buffer and {@link #sendStaged} writes them as one. The frame output uses this to
 * send a large body from the caller's array with the frames around it, in whole TCP segments,
 * without first copying the body into its own pending buffer.
 */
interface Transport extends Closeable {
    /** The stream the frame reader and the handshake read from. */
    InputStream input();

    /** A stream for the handshake's writes (unbuffered: wrap it). */
    OutputStream output();

    /** Writes {@code b[off, off + len)} entirely. */
    void write(byte[] b, int off, int len) throws IOException;

    /** How many bytes may be staged before {@link #sendStaged}. */
    int stageCapacity();

    /** Copies {@code b[off, off + len)} behind what is staged (at most {@link #stageCapacity} in all). */
    void stage(byte[] b, int off, int len);

    /** Writes everything staged, entirely, and empties the stage (also when the write fails). */
    void sendStaged() throws IOException;

    /** Told when the reader starts and stops waiting for bytes from the socket. */
    interface ReadWaits {
        /** The reader found no bytes and is about to wait. */
        void waiting();

        /** The reader's wait ended. */
        void resumed();
    }

    /**
     * Tells {@code listener} when the reader waits for the socket, if this transport can.
     *
     * @return whether it will
     */
    default boolean watchReadWaits(ReadWaits listener) {
        return false;
    }

    /** Closes the socket; a read or write blocked on it fails. Never throws. */
    @Override
    void close();
}
