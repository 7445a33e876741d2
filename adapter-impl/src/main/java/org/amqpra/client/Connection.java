package org.amqpra.client;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpErrors;
import org.amqpra.AmqpException;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.Channel;
import org.amqpra.ChannelClosedException;
import org.amqpra.ConnectionException;
import org.amqpra.ConnectionForcedException;
import org.amqpra.ConnectionLostException;
import org.amqpra.NoBrokerAvailableException;
import org.amqpra.ReplyInfo;
import org.amqpra.UnexpectedFrameException;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.ClientMethods;
import org.amqpra.wire.Command;
import org.amqpra.wire.Frame;
import org.amqpra.wire.FrameReader;
import org.amqpra.wire.FrameView;
import org.amqpra.wire.MethodCodec;
import org.amqpra.wire.Methods;

/**
 * A connection to an AMQP 0-9-1 broker: amqpy's {@code Connection} in Java. Open it with
 * {@link #open(ConnectionParameters)} or {@link #open(String)}; it is connected when returned.
 *
 * <p>Threads: one reader thread routes every inbound frame (replies to waiting callers,
 * deliveries to the dispatcher, confirms, returns, closes); one monitor thread sends heartbeats,
 * detects a dead peer or a stalled write and runs blocked/unblocked callbacks; one writer thread
 * flushes bursts of publishes and acks. All come from the configured {@code ThreadFactory} (or
 * the background executor: the container's WorkManager). Consumer callbacks run in {@link #drainEvents} or on the configured
 * dispatch executor, never on the reader. Writers may be any threads.
 */
public final class Connection implements AmqpConnection {
    /** Version advertised in client properties. */
    public static final String VERSION = "0.1.0";

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private enum State {
        OPEN,
        CLOSING,
        CLOSED
    }

    private final ConnectionParameters params;
    /** The broker node this connection reached. */
    private final Address address;

    private final Transport transport;
    private final FrameReader in;
    private final FrameOutput out;
    private final Map<String, Object> serverProperties;
    private final Negotiation negotiation;
    private final ChannelTable channels;
    private final Dispatcher dispatcher;
    private final RpcQueue rpc0 = new RpcQueue();
    private final HeartbeatMonitor monitor;
    private final BurstFlusher flusher;
    private final Object blockLock = new Object();
    private volatile State state = State.OPEN;
    private volatile AmqpException closeCause;
    private volatile long lastReadNanos = System.nanoTime();
    private volatile String blockedReason;
    private final List<Consumer<AmqpException>> closeListeners = new CopyOnWriteArrayList<>();

    /**
     * Opens a connection; throws a typed {@link AmqpException} when refused. With several
     * {@link ConnectionParameters#addresses() addresses} they are tried one after the other
     * ({@link ConnectionParameters#addressOrder()}), each with the connect timeout, until one
     * answers; when none does, {@link NoBrokerAvailableException} names every address and its
     * failure. A refusal that every node of a cluster would repeat (credentials, virtual host,
     * protocol) is thrown at once.
     */
    public static Connection open(ConnectionParameters params) {
        List<Address> order = new ArrayList<>(params.addresses());
        if (order.size() == 1) {
            return new Connection(params, order.get(0));
        }
        if (params.addressOrder() == AddressOrder.SHUFFLED) {
            Collections.shuffle(order);
        }
        List<String> failures = new ArrayList<>();
        AmqpException last = null;
        for (Address a : order) {
            try {
                return new Connection(params, a);
            } catch (ConnectionLostException | AmqpTimeoutException | ConnectionForcedException unreachable) {
                failures.add(a + ": " + unreachable.getMessage());
                last = unreachable;
            }
        }
        throw new NoBrokerAvailableException(
                ReplyInfo.local(
                        0,
                        "no broker answered at any of " + order.size() + " addresses: " + String.join("; ", failures)),
                last);
    }

    /** Opens a connection from an {@code amqp://} or {@code amqps://} URI (see {@link AmqpUri}). */
    public static Connection open(String uri) {
        return open(ConnectionParameters.fromUri(uri));
    }

    private Connection(ConnectionParameters params, Address node) {
        this.params = params;
        this.address = node.withDefaultPort(params.tls() != null ? 5671 : 5672);
        int timeoutMs =
                (int) Math.min(Integer.MAX_VALUE, params.connectTimeout().toMillis());
        Transport t;
        int writeSize;
        Closeable opening; // what the watchdog closes
        try {
            if (params.tls() == null) {
                opening = ChannelTransport.open();
            } else {
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                opening = s;
            }
        } catch (IOException e) {
            throw new ConnectionLostException(ReplyInfo.local(0, "cannot open a socket: " + e), e);
        }
        OpeningWatchdog watchdog =
                new OpeningWatchdog(opening, params.connectTimeout().toNanos());
        try {
            if (params.backgroundExecutor() != null) {
                params.backgroundExecutor().execute(watchdog);
            } else {
                startThread(watchdog, "opening");
            }
            InetSocketAddress socketAddress = new InetSocketAddress(address.host(), address.port());
            if (opening instanceof ChannelTransport) {
                ChannelTransport plain = (ChannelTransport) opening;
                plain.connect(socketAddress); // bounded by the watchdog
                writeSize = SegmentSizing.alignedWriteSize(plain.socket());
                t = plain;
            } else {
                Socket s = (Socket) opening;
                s.connect(socketAddress); // bounded by the watchdog
                // closing the plain socket (the watchdog) also fails the TLS handshake on top of it
                t = new StreamTransport(TlsSockets.wrap(s, address.host(), address.port(), params.tls()));
                writeSize = 0; // TLS writes records, not segments
            }
            this.in = new FrameReader(t.input()); // the frame reader has its own buffer
            OutputStream rawOut = new BufferedOutputStream(t.output(), 64 * 1024);
            Handshake hs = new Handshake(params, in, rawOut);
            hs.run();
            this.serverProperties = hs.serverProperties();
            this.negotiation = hs.negotiation();
            watchdog.close();
            if (watchdog.fired()) {
                throw new SocketException("closed by the opening watchdog");
            }
        } catch (IOException e) {
            watchdog.close();
            closeQuietly(opening);
            if (watchdog.fired()) {
                throw new AmqpTimeoutException(ReplyInfo.local(
                        0, "connecting to " + address + " did not complete within " + timeoutMs + " ms"));
            }
            throw new ConnectionLostException(ReplyInfo.local(0, "cannot connect to " + address + ": " + e), e);
        } catch (RuntimeException e) {
            watchdog.close();
            closeQuietly(opening);
            if (watchdog.fired() && e instanceof AmqpException && !(e instanceof AmqpTimeoutException)) {
                throw new AmqpTimeoutException(ReplyInfo.local(
                        0, "connecting to " + address + " did not complete within " + timeoutMs + " ms"));
            }
            throw e;
        }
        this.transport = t;
        // FrameOutput buffers and coalesces itself: write straight to the transport.
        this.out = new FrameOutput(t, params.writeTimeout().toNanos(), writeSize);
        out.setFrameMax(negotiation.frameMax());
        this.channels = new ChannelTable(negotiation.usableChannelMax());
        this.dispatcher = new Dispatcher(params.dispatchExecutor(), out);
        in.setBeforeStreamRead(dispatcher::wakeDrainers); // deliveries queued for drainEvents: one wake-up per read
        this.monitor = new HeartbeatMonitor(
                this, out, negotiation.heartbeatSeconds(), params.writeTimeout().toNanos());
        this.flusher = new BurstFlusher(this, out);
        out.setWriterThread(flusher::request, flusher::requestLinger);
        lastReadNanos = System.nanoTime();
        try {
            if (params.backgroundExecutor() != null) {
                params.backgroundExecutor().execute(this::readLoop);
                params.backgroundExecutor().execute(monitor);
                params.backgroundExecutor().execute(flusher);
            } else {
                startThread(this::readLoop, "reader");
                startThread(monitor, "heartbeat");
                startThread(flusher, "writer");
            }
        } catch (RuntimeException e) {
            transport.close();
            throw new ConnectionLostException(ReplyInfo.local(0, "cannot start the connection's reader: " + e), e);
        }
    }

    private void startThread(Runnable r, String role) {
        Thread t = params.threadFactory().newThread(r);
        t.setName("amqp-ra-" + role + "-" + address);
        t.start();
    }

    // ---- public API ---------------------------------------------------------------------

    @Override
    public Channel channel() {
        ensureOpen();
        ChannelImpl ch = channels.allocate(id -> new ChannelImpl(this, id));
        return openRegistered(ch);
    }

    @Override
    public Channel channel(int channelId) {
        ensureOpen();
        ChannelImpl existing = channels.get(channelId);
        if (existing != null) {
            return existing;
        }
        ChannelImpl ch = new ChannelImpl(this, channelId);
        if (!channels.register(ch)) {
            return channels.get(channelId);
        }
        return openRegistered(ch);
    }

    private Channel openRegistered(ChannelImpl ch) {
        try {
            ch.open();
            return ch;
        } catch (RuntimeException e) {
            channels.remove(ch);
            throw e;
        }
    }

    @Override
    public void close() {
        close(200, "OK", 0, 0);
    }

    @Override
    public void close(int replyCode, String replyText, int classId, int methodId) {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
        }
        ConnectionException cause = new ConnectionException(new ReplyInfo(
                replyCode,
                "connection closed by the " + "application"
                        + (replyText == null || replyText.isEmpty() || "OK".equals(replyText) ? "" : ": " + replyText),
                classId,
                methodId,
                "",
                0));
        try {
            RpcQueue.Pending p = rpc0.register(null, Methods.CONNECTION_CLOSE_OK);
            out.sendMethod(0, ClientMethods.connectionClose(replyCode, replyText, classId, methodId));
            RpcQueue.await(p, params.rpcTimeout(), "connection.close", 0);
        } catch (IOException | AmqpException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing without close-ok: {0}", e.toString());
        } finally {
            abort(cause, false);
        }
    }

    @Override
    public boolean isConnected() {
        return state == State.OPEN;
    }

    @Override
    public boolean isAlive() {
        if (!isConnected()) {
            return false;
        }
        int hb = negotiation.heartbeatSeconds();
        if (hb > 0) {
            return System.nanoTime() - lastReadNanos < TimeUnit.SECONDS.toNanos(2L * hb);
        }
        try {
            sendHeartbeat();
            return isConnected();
        } catch (AmqpException e) {
            return false;
        }
    }

    @Override
    public void drainEvents(Duration timeout) {
        dispatcher.drain(timeout, () -> state == State.OPEN ? null : closeCause);
    }

    @Override
    public void loop(Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                drainEvents(timeout == null ? null : Duration.ofNanos(left));
            } catch (AmqpTimeoutException e) {
                return;
            }
        }
    }

    @Override
    public void sendHeartbeat() {
        ensureOpen();
        try {
            out.sendHeartbeat();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    @Override
    public Map<String, Object> serverCapabilities() {
        Object caps = serverProperties.get("capabilities");
        if (caps instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) caps;
            return Collections.unmodifiableMap(m);
        }
        return Collections.emptyMap();
    }

    @Override
    public Map<String, Object> serverProperties() {
        return Collections.unmodifiableMap(serverProperties);
    }

    /** Negotiated heartbeat interval in seconds (0 = none). */
    public int heartbeatSeconds() {
        return negotiation.heartbeatSeconds();
    }

    /** Negotiated frame_max (0 = unlimited). */
    public long frameMax() {
        return negotiation.frameMax();
    }

    /** Negotiated channel_max (0 = 65535). */
    public int channelMax() {
        return negotiation.channelMax();
    }

    /** True while the broker has the connection blocked (connection.blocked). */
    public boolean isBlocked() {
        return blockedReason != null;
    }

    /**
     * The channels of this connection that are open now (a snapshot, in no particular order).
     */
    public List<Channel> channels() {
        List<Channel> open = new ArrayList<>();
        for (ChannelImpl ch : channels.snapshot()) {
            if (ch.isOpen()) {
                open.add(ch);
            }
        }
        return open;
    }

    /**
     * Opens a new connection with this one's parameters: amqpy's {@code connect()} on a closed
     * connection. This connection stays closed (channels, consumers and unconfirmed publishes do
     * not move to the new one).
     *
     * @throws IllegalStateException while this connection is still open
     */
    public Connection reconnect() {
        if (isConnected()) {
            throw new IllegalStateException("the connection is still open: close it first, or keep using it");
        }
        return open(params);
    }

    /** The parameters this connection was opened with. */
    public ConnectionParameters parameters() {
        return params;
    }

    /** The broker node this connection reached (one of {@link ConnectionParameters#addresses()}). */
    public Address connectedAddress() {
        return address;
    }

    /** The {@code cluster_name} the broker announced in connection.start, or null. */
    public String clusterName() {
        Object name = serverProperties.get("cluster_name");
        return name instanceof byte[]
                ? new String((byte[]) name, StandardCharsets.UTF_8)
                : name == null ? null : name.toString();
    }

    /**
     * Registers a callback run once, with the cause, when the connection ends for any reason
     * (at once if it already has). It runs on the thread that ended the connection: keep it short.
     */
    public void addCloseListener(Consumer<AmqpException> listener) {
        closeListeners.add(listener);
        AmqpException c = closeCause;
        if (state == State.CLOSED && c != null && closeListeners.remove(listener)) {
            listener.accept(c);
        }
    }

    /** Why the connection closed, or null while open. */
    public AmqpException closeCause() {
        return closeCause;
    }

    /**
     * Replaces the secret (an OAuth token, say) the connection authenticated with
     * ({@code connection.update-secret}, RabbitMQ 3.8+).
     */
    public void updateSecret(String newSecret, String reason) {
        ensureOpen();
        RpcQueue.Pending p = rpc0.register(null, Methods.CONNECTION_UPDATE_SECRET_OK);
        try {
            out.sendMethod(0, ClientMethods.connectionUpdateSecret(newSecret.getBytes(StandardCharsets.UTF_8), reason));
        } catch (IOException e) {
            rpc0.unregister(p);
            throw lost(e);
        }
        RpcQueue.await(p, params.rpcTimeout(), "connection.update-secret", 0);
    }

    @Override
    public String toString() {
        return "Connection{" + address + params.virtualHost() + ", " + state + '}';
    }

    // ---- for channels -------------------------------------------------------------------

    FrameOutput output() {
        return out;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    long lastReadNanos() {
        return lastReadNanos;
    }

    void ensureOpen() {
        if (state != State.OPEN) {
            AmqpException c = closeCause;
            throw c != null ? c : new ChannelClosedException(ReplyInfo.local(0, "connection is closing"));
        }
    }

    void releaseChannel(ChannelImpl ch) {
        channels.remove(ch);
    }

    /** A failed socket write: the connection is gone. Returns the exception to throw. */
    AmqpException lost(IOException e) {
        String why = e.getMessage() != null
                ? e.getMessage()
                : e.getClass().getSimpleName(); // ClosedChannelException has none
        ConnectionLostException lostEx =
                new ConnectionLostException(ReplyInfo.local(0, "write to the broker failed: " + why), e);
        abort(lostEx, false);
        AmqpException c = closeCause;
        return c != null ? c : lostEx;
    }

    /** Waits while the broker has the connection blocked, at most the write timeout. */
    void awaitUnblocked() {
        if (blockedReason == null) {
            return;
        }
        long deadline = System.nanoTime() + params.writeTimeout().toNanos();
        synchronized (blockLock) {
            while (blockedReason != null && state == State.OPEN) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AmqpTimeoutException(ReplyInfo.local(
                            0,
                            "the broker has blocked this connection (" + blockedReason + ") for more than "
                                    + params.writeTimeout().toMillis() + " ms"));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(blockLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted waiting for connection.unblocked"));
                }
            }
        }
        ensureOpen();
    }

    /**
     * Ends the connection: records the cause, optionally tells the broker (for protocol errors
     * we detected), closes the socket, and fails everything that waits.
     */
    void abort(AmqpException cause, boolean tellBroker) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            closeCause = cause;
        }
        if (tellBroker) {
            try {
                out.sendMethod(
                        0,
                        ClientMethods.connectionClose(
                                cause.replyCode(), cause.replyText(), cause.classId(), cause.methodId()));
            } catch (IOException | AmqpException ignored) {
                // best effort
            }
        }
        transport.close();
        monitor.stop();
        flusher.stop();
        rpc0.failAll(cause);
        for (ChannelImpl ch : channels.snapshot()) {
            ch.connectionClosed(cause);
        }
        dispatcher.wake(cause);
        synchronized (blockLock) {
            blockLock.notifyAll();
        }
        for (Consumer<AmqpException> l : closeListeners) {
            if (closeListeners.remove(l)) {
                try {
                    l.accept(cause);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "close listener failed", e);
                }
            }
        }
        if (!(cause.replyCode() == 200)) {
            LOG.log(System.Logger.Level.DEBUG, "connection to {0} ended: {1}", address, cause.getMessage());
        }
    }

    // ---- reader thread ------------------------------------------------------------------

    private void readLoop() {
        try {
            FrameView f = new FrameView(); // reused: valid until the next read
            while (true) {
                in.read(f);
                lastReadNanos = System.nanoTime();
                if (f.type() == Frame.HEARTBEAT) {
                    continue;
                }
                if (f.channel() == 0) {
                    handleConnectionFrame(f);
                    continue;
                }
                if (state == State.CLOSING) {
                    continue; // after sending connection.close, only close/close-ok matter
                }
                ChannelImpl ch = channels.get(f.channel());
                if (ch != null) {
                    ch.handleFrame(f);
                }
                // frames for unknown channels (closed earlier) are ignored
            }
        } catch (ConnectionException protocolViolation) {
            // FrameError, FrameSyntaxError, UnexpectedFrame...: the broker broke the protocol.
            abort(protocolViolation, true);
        } catch (AmqpException other) {
            abort(new ConnectionException(other.info(), other), true);
        } catch (IOException e) {
            if (state == State.CLOSING) {
                return; // the broker closed the socket after close-ok; close() finishes the job
            }
            if (state == State.OPEN) {
                abort(
                        new ConnectionLostException(
                                ReplyInfo.local(0, "connection to " + address + " lost: " + e.getMessage()), e),
                        false);
            } else {
                abort(
                        closeCause != null ? closeCause : new ConnectionLostException(ReplyInfo.local(0, "closed"), e),
                        false);
            }
        } catch (RuntimeException | Error e) {
            abort(new ConnectionLostException(ReplyInfo.local(541, "reader failed: " + e), e), true);
        }
    }

    private void handleConnectionFrame(FrameView f) throws IOException {
        if (f.type() != Frame.METHOD) {
            throw new UnexpectedFrameException(ReplyInfo.local(505, "frame type " + f.type() + " on channel 0"));
        }
        AmqpMethod m = MethodCodec.decode(f.reader());
        if (m.is(Methods.CONNECTION_CLOSE)) {
            int classId = (int) m.num("class-id");
            int methodId = (int) m.num("method-id");
            ConnectionException ex = AmqpErrors.forConnectionClose(new ReplyInfo(
                    (int) m.num("reply-code"),
                    m.str("reply-text"),
                    classId,
                    methodId,
                    Methods.nameOf(classId, methodId),
                    0));
            try {
                out.sendMethod(0, ClientMethods.connectionCloseOk());
            } catch (IOException | AmqpException ignored) {
                // the broker closes the socket anyway
            }
            if (state == State.CLOSING) {
                rpc0.complete(new Command(ClientMethods.connectionCloseOk(), null, null));
                return;
            }
            abort(ex, false);
        } else if (m.is(Methods.CONNECTION_BLOCKED)) {
            String reason = m.str("reason");
            blockedReason = reason == null ? "" : reason;
            if (params.onBlocked() != null) {
                monitor.post(() -> params.onBlocked().accept(reason));
            }
        } else if (m.is(Methods.CONNECTION_UNBLOCKED)) {
            synchronized (blockLock) {
                blockedReason = null;
                blockLock.notifyAll();
            }
            if (params.onUnblocked() != null) {
                monitor.post(params.onUnblocked());
            }
        } else if (!rpc0.complete(new Command(m, null, null))) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unexpected {0} on channel 0", m.spec());
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
