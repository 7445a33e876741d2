package org.amqpra.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.amqpra.BasicProperties;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.Frame;
import org.amqpra.wire.FrameEncoder;
import org.amqpra.wire.MethodCodec;
import org.amqpra.wire.Methods;
import org.amqpra.wire.WireReader;
import org.amqpra.wire.WireWriter;

/**
 * A test-local stand-in for the broker that costs next to nothing, so that scenario 6 measures
 * the clients' own encoding and decoding: it answers the handshake and the channel-level
 * requests a client makes, discards publishes unparsed (sink), and after basic.consume replays a
 * pre-encoded stream of deliveries (source).
 */
final class LoopbackBroker implements AutoCloseable {
    private final ServerSocket server;
    private final long deliveries;
    private final byte[] body;
    private volatile long bytesIn;

    /** A sink (deliveries 0) or a source of {@code deliveries} messages of {@code body}. */
    LoopbackBroker(long deliveries, byte[] body) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.deliveries = deliveries;
        this.body = body;
        Thread t = new Thread(this::acceptLoop, "loopback-broker");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long bytesIn() {
        return bytesIn;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "loopback-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Reads in bulk and walks frame boundaries in the buffer, so that the sink costs far less
     * than the client it measures: publish and ack frames are skipped without being copied.
     */
    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[512 * 1024];
            int filled = 0;
            int pos = 0;
            long total = 0;
            boolean started = false;
            while (true) {
                // compact and refill
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, filled - pos);
                    filled -= pos;
                    pos = 0;
                }
                int n = in.read(buf, filled, buf.length - filled);
                if (n < 0) {
                    return;
                }
                filled += n;
                total += n;
                bytesIn = total;
                if (!started) {
                    if (filled < 8) {
                        continue;
                    }
                    started = true;
                    pos = 8;
                    send(
                            out,
                            0,
                            new AmqpMethod(
                                    Methods.CONNECTION_START,
                                    0,
                                    9,
                                    Map.of("product", "loopback"),
                                    "PLAIN AMQPLAIN",
                                    "en_US"));
                }
                while (filled - pos >= 7) {
                    int type = buf[pos] & 0xFF;
                    int channel = (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF);
                    int size = (buf[pos + 3] & 0xFF) << 24
                            | (buf[pos + 4] & 0xFF) << 16
                            | (buf[pos + 5] & 0xFF) << 8
                            | (buf[pos + 6] & 0xFF);
                    if (size + 8 > buf.length) {
                        throw new IOException("frame larger than the sink buffer: " + size);
                    }
                    if (filled - pos < size + 8) {
                        break; // wait for the rest of this frame
                    }
                    int p = pos + 7;
                    pos += size + 8;
                    if (type != Frame.METHOD || size < 4) {
                        continue;
                    }
                    int classId = (buf[p] & 0xFF) << 8 | (buf[p + 1] & 0xFF);
                    int methodId = (buf[p + 2] & 0xFF) << 8 | (buf[p + 3] & 0xFF);
                    if (classId == 60 && (methodId == 40 || methodId == 80)) {
                        continue; // publish, ack: discarded unparsed
                    }
                    AmqpMethod m = MethodCodec.decode(new WireReader(buf, p, size));
                    if (!answer(out, channel, m)) {
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    /** Answers one request; false after connection.close-ok. */
    private boolean answer(OutputStream out, int ch, AmqpMethod m) throws IOException {
        if (m.is(Methods.CONNECTION_START_OK)) {
            send(out, 0, new AmqpMethod(Methods.CONNECTION_TUNE, 2047, 131072L, 0));
        } else if (m.is(Methods.CONNECTION_OPEN)) {
            send(out, 0, new AmqpMethod(Methods.CONNECTION_OPEN_OK, ""));
        } else if (m.is(Methods.CONNECTION_CLOSE)) {
            send(out, 0, new AmqpMethod(Methods.CONNECTION_CLOSE_OK));
            return false;
        } else if (m.is(Methods.CHANNEL_OPEN)) {
            send(out, ch, new AmqpMethod(Methods.CHANNEL_OPEN_OK, new byte[0]));
        } else if (m.is(Methods.CHANNEL_CLOSE)) {
            send(out, ch, new AmqpMethod(Methods.CHANNEL_CLOSE_OK));
        } else if (m.is(Methods.QUEUE_DECLARE)) {
            send(out, ch, new AmqpMethod(Methods.QUEUE_DECLARE_OK, m.str("queue"), 0L, 0L));
        } else if (m.is(Methods.QUEUE_DELETE)) {
            send(out, ch, new AmqpMethod(Methods.QUEUE_DELETE_OK, 0L));
        } else if (m.is(Methods.BASIC_QOS)) {
            send(out, ch, new AmqpMethod(Methods.BASIC_QOS_OK));
        } else if (m.is(Methods.BASIC_CANCEL)) {
            send(out, ch, new AmqpMethod(Methods.BASIC_CANCEL_OK, m.str("consumer-tag")));
        } else if (m.is(Methods.BASIC_CONSUME)) {
            String tag = "loopback-ctag";
            send(out, ch, new AmqpMethod(Methods.BASIC_CONSUME_OK, tag));
            Thread t = new Thread(() -> replay(out, ch, tag), "loopback-source");
            t.setDaemon(true);
            t.start();
        }
        return true;
    }

    /** Writes {@code deliveries} deliveries, from a pre-encoded block of 1,000. */
    private void replay(OutputStream out, int ch, String tag) {
        WireWriter w = new WireWriter(64 * 1024);
        int block = 1000;
        for (int i = 1; i <= block; i++) {
            FrameEncoder.method(w, ch, new AmqpMethod(Methods.BASIC_DELIVER, tag, (long) i, false, "", "bench"));
            FrameEncoder.header(w, ch, 60, body.length, BasicProperties.EMPTY);
            FrameEncoder.body(w, ch, body, 0, body.length);
        }
        byte[] stream = w.toByteArray();
        try {
            for (long sent = 0; sent < deliveries; sent += block) {
                synchronized (out) {
                    out.write(stream);
                }
            }
            synchronized (out) {
                out.flush();
            }
        } catch (IOException e) {
            // client gone
        }
    }

    private static void send(OutputStream out, int channel, AmqpMethod m) throws IOException {
        WireWriter w = new WireWriter(256);
        FrameEncoder.method(w, channel, m);
        synchronized (out) {
            out.write(w.array(), 0, w.position());
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
