package org.amqpra.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-local relay in front of the broker: accepts on a free local port (plain, or TLS when
 * given a TLS server socket) and forwards bytes both ways. {@link #freeze()} stops forwarding
 * without closing anything, which looks to the client like a broker that went silent.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile boolean repliesFrozen;
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    /** A plain relay to the test broker. */
    public static TcpProxy toBroker() throws IOException {
        return new TcpProxy(
                new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), BrokerLocator.host(), BrokerLocator.port());
    }

    /** A relay accepting on {@code server} (for example an SSLServerSocket) to the test broker. */
    public TcpProxy(ServerSocket server, String targetHost, int targetPort) {
        this.server = server;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread t = new Thread(this::acceptLoop, "test-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    /** The local port to connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Stops forwarding in both directions; sockets stay open. */
    public void freeze() {
        frozen = true;
    }

    /** Forwards again (the network came back); connections that were frozen may have been given up. */
    public void thaw() {
        frozen = false;
        repliesFrozen = false;
    }

    /** Client connections accepted so far (frozen or not): a reconnecting client shows up here. */
    public int accepted() {
        return accepted.get();
    }

    /**
     * Stops forwarding from the broker to the client only: what the client sends still reaches
     * the broker (a commit is carried out), its answers are held back (the client never sees
     * commit-ok). Sockets stay open.
     */
    public void freezeReplies() {
        repliesFrozen = true;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            while ((frozen || replies && repliesFrozen) && !closed) {
                                Thread.sleep(50);
                            }
                            if (closed) {
                                return;
                            }
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // socket closed
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }
}
