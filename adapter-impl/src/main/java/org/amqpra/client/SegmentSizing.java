package org.amqpra.client;

import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSocket;

/**
 * How many bytes one socket write should carry at most so that it ends on a TCP segment
 * boundary.
 *
 * <p>The JDK writes a heap array to a socket in pieces of at most 128 KiB, and with
 * TCP_NODELAY every write ends with whatever partial segment is left, sent at once. On loopback
 * (MTU 65,536, segments of 65,483 payload bytes) a 128 KiB piece is two full segments and a
 * 106-byte one, and every segment costs the sender the receiver's network stack work as well.
 * Writing pieces of a whole number of segments instead (two, on loopback: 130,912 bytes)
 * measured 18.7 against 25.2 µs of CPU per 64 KiB message (a 128 KiB-piece writer to a local
 * reading socket, median of 11 runs of 20,000 messages).
 *
 * <p>The segment size is estimated from the MTU of the local interface minus 80 bytes (IPv6 and
 * TCP headers with the timestamp option; low rather than high, because one byte over makes a
 * third segment). TLS sockets write records, not segments: no limit there.
 */
final class SegmentSizing {
    /** The largest piece the JDK's socket output stream writes in one system call. */
    static final int JDK_MAX_WRITE = 128 * 1024;
    private static final int HEADERS = 80;

    private SegmentSizing() {
    }

    /** The write size for {@code s}: whole segments up to {@link #JDK_MAX_WRITE}, or 0 for no limit. */
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

    /** Whole segments of an interface with this MTU that fit in one JDK write; 0 when unknown. */
    static int alignedWriteSize(int mtu) {
        int segment = mtu - HEADERS;
        if (segment <= 0) {
            return 0;
        }
        int segments = JDK_MAX_WRITE / segment;
        return segments == 0 ? 0 : segments * segment;
    }
}
