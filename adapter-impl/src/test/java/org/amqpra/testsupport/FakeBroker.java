package org.amqpra.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.Frame;
import org.amqpra.wire.FrameEncoder;
import org.amqpra.wire.FrameReader;
import org.amqpra.wire.MethodCodec;
import org.amqpra.wire.Methods;
import org.amqpra.wire.WireReader;
import org.amqpra.wire.WireWriter;

/**
 * A hostile test server: a ServerSocket in the test that accepts one client and follows a
 * script, for inputs a real broker never sends (malformed frames, wrong sizes, silence).
 */
public final class FakeBroker implements AutoCloseable {
    /** What the server does with its one client. */
    public interface Script {
        void run(Peer peer) throws Exception;
    }

    private final ServerSocket server;
    private final AtomicReference<Throwable> scriptFailure = new AtomicReference<>();
    private volatile Socket client;

    public FakeBroker(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(
                () -> {
                    try (Socket s = server.accept()) {
                        client = s;
                        script.run(new Peer(s));
                    } catch (Throwable e) {
                        scriptFailure.set(e);
                    }
                },
                "fake-broker");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** What went wrong inside the script, if anything. */
    public Throwable scriptFailure() {
        return scriptFailure.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }

    /** The server's side of the connection. */
    public static final class Peer {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final FrameReader frames;

        Peer(Socket s) throws IOException {
            socket = s;
            in = new DataInputStream(s.getInputStream());
            out = s.getOutputStream();
            frames = new FrameReader(in);
            frames.setFrameMax(0, 1 << 24);
        }

        /** Reads the client's 8-octet protocol header. */
        public byte[] readProtocolHeader() throws IOException {
            byte[] h = new byte[8];
            in.readFully(h);
            return h;
        }

        /** Reads the next frame. */
        public Frame readFrame() throws IOException {
            return frames.read();
        }

        /** Reads the next method, skipping heartbeats. */
        public AmqpMethod readMethod() throws IOException {
            while (true) {
                Frame f = frames.read();
                if (f.type() == Frame.METHOD) {
                    return MethodCodec.decode(new WireReader(f.payload()));
                }
            }
        }

        /** Sends a method frame. */
        public void send(int channel, AmqpMethod m) throws IOException {
            WireWriter w = new WireWriter(256);
            FrameEncoder.method(w, channel, m);
            sendRaw(w.toByteArray());
        }

        /** Sends raw bytes. */
        public void sendRaw(byte[] b) throws IOException {
            out.write(b);
            out.flush();
        }

        /** Sends a frame with any type, size field, payload and end octet. */
        public void sendFrame(int type, int channel, long declaredSize, byte[] payload, int end) throws IOException {
            WireWriter w = new WireWriter(64);
            w.octet(type);
            w.short16(channel);
            w.int32((int) declaredSize);
            w.bytes(payload, 0, payload.length);
            w.octet(end);
            sendRaw(w.toByteArray());
        }

        /** The connection.start a RabbitMQ would send. */
        public void sendStart() throws IOException {
            send(
                    0,
                    new AmqpMethod(
                            Methods.CONNECTION_START, 0, 9, Map.of("product", "fake"), "PLAIN AMQPLAIN", "en_US"));
        }

        /** A complete, well-behaved handshake (frame_max 4096, no heartbeat). */
        public void handshake() throws IOException {
            readProtocolHeader();
            sendStart();
            readMethod(); // start-ok
            send(0, new AmqpMethod(Methods.CONNECTION_TUNE, 2047, 4096L, 0));
            readMethod(); // tune-ok
            readMethod(); // open
            send(0, new AmqpMethod(Methods.CONNECTION_OPEN_OK, ""));
        }

        /** Handshake, then answers the client's first channel.open. */
        public void handshakeAndOpenChannel() throws IOException {
            handshake();
            readMethod(); // channel.open
            send(1, new AmqpMethod(Methods.CHANNEL_OPEN_OK, new byte[0]));
        }

        /** Waits until the client closes the socket (or sends connection.close); returns that method or null. */
        public AmqpMethod awaitClientClose() {
            try {
                while (true) {
                    AmqpMethod m = readMethod();
                    if (m.is(Methods.CONNECTION_CLOSE)) {
                        try {
                            send(0, new AmqpMethod(Methods.CONNECTION_CLOSE_OK));
                        } catch (IOException ignored) {
                            // the client may already be gone
                        }
                        return m;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** Keeps the socket open without sending anything. */
        public void stayQuiet(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }

        public Socket socket() {
            return socket;
        }
    }
}
