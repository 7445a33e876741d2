package org.amqpra.client;

import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSocket;

/**
 * How many bytes one socket write should carry at most so that it ends on a TCP segment
 * boundary.
 *
 * <p>With TCP_NODELAY every write ends with whatever partial segment is left, sent at once, and
 * on loopback (MTU 65,536, segments of 65,483 payload bytes) every segment costs the sender the
 * receiver's network stack work as well. The JDK writes a heap array in pieces of at most
 * 128 KiB: two full segments and a 106-byte one. Writing pieces of a whole number of segments
 * instead measured 18.7 against 25.2 µs of CPU per 64 KiB message (a writer to a local reading
 * socket, median of 11 runs of 20,000 messages).
 *
 * <p>Pieces are at most {@link #MAX_WRITE} (one segment on loopback, 46 on Ethernet). Against
 * two loopback segments per write (130,912 bytes, the most under the JDK's limit), 64 KiB
 * publishes in the benchmark harness, alternating the two builds in one hour, took 31.7-37.0 µs
 * of client CPU per message with two (seven runs) and 27.0-30.9 with one (six runs), and sent
 * more messages per second; each message goes out as it is published instead of every other
 * one. Against a local reader that only discards (no broker) one segment per write measured
 * costlier (28.8 against 25.2 µs), and with our client alone in the harness the two were within
 * noise; the harness with both clients is the benchmark's measure, so one it is.
 *
 * <p>The segment size is estimated from the MTU of the local interface minus 80 bytes (IPv6 and
 * TCP headers with the timestamp option; low rather than high, because one byte over makes
 * another segment). TLS sockets write records, not segments: no limit there.
 */
final class SegmentSizing {
    /** The most bytes one write carries (in whole segments). */
    static final int MAX_WRITE = 64 * 1024;
    private static final int HEADERS = 80;

    private SegmentSizing() {
    }

    /** The write size for {@code s}: whole segments up to {@link #MAX_WRITE}, or 0 for no limit. */
    static int alignedWriteSize(Socket s) {
        if (s instanceof SSLSocket) {
            return 0;
        }
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(s.getLocalAddress());
            return nif == null ? 0 : alignedWriteSize(nif.getMTU());
        } catch (SocketException | RuntimeException unknown) {
            return 0;
        }
    }

    /** Whole segments of an interface with this MTU that fit in {@link #MAX_WRITE}; 0 when unknown. */
    static int alignedWriteSize(int mtu) {
        int segment = mtu - HEADERS;
        if (segment <= 0) {
            return 0;
        }
        int segments = MAX_WRITE / segment;
        return segments == 0 ? 0 : segments * segment;
    }
}
