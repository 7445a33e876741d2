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
 * 128 KiB: two full segments and a small one. Writing pieces of a whole number of segments
 * costs less CPU per message.
 *
 * <p>Pieces are at most {@link #MAX_WRITE} (one segment on loopback, 46 on Ethernet): with one
 * loopback segment per write each message goes out as it is published instead of every other
 * one. The measurements are in {@code bench/DESIGN-MEASUREMENTS.md}.
 *
 * <p>The segment size is estimated from the MTU of the local interface minus 80 bytes (IPv6 and
 * TCP headers with the timestamp option; low rather than high, because one byte over makes
 * another segment). TLS sockets write records, not segments: no limit there.
 */
final class SegmentSizing {
    /** The most bytes one write carries (in whole segments). */
    static final int MAX_WRITE = 64 * 1024;

    private static final int HEADERS = 80;

    private SegmentSizing() {}

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
