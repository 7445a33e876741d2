package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class SegmentSizingTest {
    @Test
    void loopbackWritesAreOneSegment() {
        int size = SegmentSizing.alignedWriteSize(65_536);
        assertEquals(65_536 - 80, size);
        // Linux's real loopback segment (65,483 payload bytes with timestamps) is larger than our
        // estimate, so the write stays within one segment.
        assertTrue(size <= 65_483);
    }

    @Test
    void ethernetWritesAreWholeSegments() {
        int size = SegmentSizing.alignedWriteSize(1500);
        assertEquals(0, size % 1420);
        assertTrue(size <= SegmentSizing.MAX_WRITE && size > SegmentSizing.MAX_WRITE - 1420);
    }

    @Test
    void unknownOrHugeMtuMeansNoLimit() {
        assertEquals(0, SegmentSizing.alignedWriteSize(-1));
        assertEquals(0, SegmentSizing.alignedWriteSize(40));
        assertEquals(0, SegmentSizing.alignedWriteSize(1_000_000));
    }

    @Test
    void aLoopbackSocketGetsTheLoopbackSize() throws Exception {
        try (ServerSocket server = new ServerSocket(0);
                Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()));
            int mtu = java.net.NetworkInterface.getByInetAddress(s.getLocalAddress())
                    .getMTU();
            assertEquals(SegmentSizing.alignedWriteSize(mtu), SegmentSizing.alignedWriteSize(s));
        }
    }
}
