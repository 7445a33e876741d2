package org.amqpra.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ways to write a stream of 64 KiB messages (100 bytes of frames, the body, a frame-end
 * octet) to a local socket, with the CPU time of the writing thread per message (on loopback
 * that includes the receiving side's TCP work): the reasoning behind {@code FrameOutput}'s
 * large-publish path, and behind the copy it keeps. A thread of this JVM reads and discards.
 *
 * <p>Usage: {@code mvn -B -q -pl bench exec:exec -Dbench.main=org.amqpra.bench.SocketWriteProbe}
 * (optionally {@code -Dbench.args="ROUNDS MESSAGES"}, default 10 and 20,000).
 */
public final class SocketWriteProbe {
    private static final int PREFIX = 100;
    private static final int BODY = 64 * 1024;
    private static final int MESSAGE = PREFIX + BODY + 1;
    /** One segment of the loopback interface as SegmentSizing estimates it. */
    private static final int SEGMENT = 65_536 - 80;

    private final byte[] prefix = new byte[PREFIX];
    private final byte[] body = new byte[BODY];
    private final byte[] end = {(byte) 0xCE};
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private SocketWriteProbe() {}

    /** Runs the probe and prints the median CPU per message of each way. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        try (ServerSocket sink = new ServerSocket(0)) {
            Thread reader = new Thread(() -> discardAll(sink), "probe-sink");
            reader.setDaemon(true);
            reader.start();
            new SocketWriteProbe().run(sink.getLocalPort(), rounds, messages);
        }
    }

    private void run(int port, int rounds, int messages) throws IOException {
        Map<String, List<Double>> perMessage = new TreeMap<>();
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
            record(
                    perMessage,
                    round,
                    "copy, 1 segment per write (ours)",
                    copyWholeSegments(port, messages, 1),
                    messages);
            record(perMessage, round, "copy, 2 segments per write", copyWholeSegments(port, messages, 2), messages);
            record(
                    perMessage,
                    round,
                    "three writes (the RabbitMQ client)",
                    threeWrites(port, messages, true),
                    messages);
            record(perMessage, round, "three writes, Nagle on", threeWrites(port, messages, false), messages);
            record(perMessage, round, "SocketChannel, direct, 1 segment", directChannel(port, messages, 1), messages);
            record(perMessage, round, "SocketChannel, direct, 2 segments", directChannel(port, messages, 2), messages);
            record(perMessage, round, "SocketChannel, direct, 4 segments", directChannel(port, messages, 4), messages);
        }
        System.out.println(
                "CPU of the writing thread per 64 KiB message, median of " + rounds + " rounds of " + messages + ":");
        perMessage.forEach((way, us) -> {
            Collections.sort(us);
            System.out.printf(
                    "  %-36s %6.2f us  (%.2f-%.2f)%n", way, us.get(us.size() / 2), us.get(0), us.get(us.size() - 1));
        });
    }

    private static void record(Map<String, List<Double>> m, int round, String way, long nanos, int messages) {
        if (round > 0) {
            m.computeIfAbsent(way, k -> new ArrayList<>()).add(nanos / 1e3 / messages);
        }
    }

    /** FrameOutput's way: each message copied into one buffer, written {@code segments} at a time. */
    private long copyWholeSegments(int port, int messages, int segments) throws IOException {
        int writeSize = segments * SEGMENT;
        try (Socket s = connect(port, true)) {
            OutputStream out = s.getOutputStream();
            byte[] pending = new byte[4 * writeSize];
            long t0 = threads.getCurrentThreadCpuTime();
            int fill = 0;
            for (int i = 0; i < messages; i++) {
                System.arraycopy(prefix, 0, pending, fill, PREFIX);
                System.arraycopy(body, 0, pending, fill + PREFIX, BODY);
                pending[fill + MESSAGE - 1] = end[0];
                fill += MESSAGE;
                int whole = fill / writeSize * writeSize;
                if (whole > 0) {
                    out.write(pending, 0, whole);
                    System.arraycopy(pending, whole, pending, 0, fill - whole);
                    fill -= whole;
                }
            }
            out.write(pending, 0, fill);
            return threads.getCurrentThreadCpuTime() - t0;
        }
    }

    /** The RabbitMQ client's way: frames, body and frame end as three writes, no copy of ours. */
    private long threeWrites(int port, int messages, boolean noDelay) throws IOException {
        try (Socket s = connect(port, noDelay)) {
            OutputStream out = s.getOutputStream();
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < messages; i++) {
                out.write(prefix);
                out.write(body);
                out.write(end);
            }
            s.setTcpNoDelay(true); // pushes what Nagle held back
            return threads.getCurrentThreadCpuTime() - t0;
        }
    }

    /** One copy into a direct buffer, written {@code segments} at a time by a blocking SocketChannel. */
    private long directChannel(int port, int messages, int segments) throws IOException {
        int writeSize = segments * SEGMENT;
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            ch.socket().setTcpNoDelay(true);
            ByteBuffer pending = ByteBuffer.allocateDirect(4 * writeSize);
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < messages; i++) {
                pending.put(prefix).put(body).put(end);
                int whole = pending.position() / writeSize * writeSize;
                if (whole > 0) {
                    pending.flip();
                    int limit = pending.limit();
                    pending.limit(whole);
                    while (pending.hasRemaining()) {
                        ch.write(pending);
                    }
                    pending.limit(limit);
                    pending.compact();
                }
            }
            pending.flip();
            while (pending.hasRemaining()) {
                ch.write(pending);
            }
            return threads.getCurrentThreadCpuTime() - t0;
        }
    }

    private static Socket connect(int port, boolean noDelay) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(noDelay);
        return s;
    }

    private static void discardAll(ServerSocket sink) {
        while (!sink.isClosed()) {
            try {
                Socket s = sink.accept();
                Thread t = new Thread(
                        () -> {
                            byte[] b = new byte[128 * 1024];
                            try (InputStream in = s.getInputStream()) {
                                while (in.read(b) >= 0) {
                                    // discard
                                }
                            } catch (IOException gone) {
                                // the writer closed
                            }
                        },
                        "probe-sink-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
