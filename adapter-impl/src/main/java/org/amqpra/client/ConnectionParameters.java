package org.amqpra.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Everything needed to open a {@link Connection}: amqpy's constructor parameters with amqpy's
 * defaults (host localhost, port 5672, guest/guest, AMQPLAIN, virtual host "/", locale en_US,
 * channel_max 65535, frame_max 131072, heartbeat 0 = take the broker's), plus what a Java client
 * in a container needs: finite timeouts, a body size cap, and injectable threads.
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class ConnectionParameters {
    /** Default cap on a received message body: 64 MiB. */
    public static final long DEFAULT_MAX_BODY_SIZE = 64L * 1024 * 1024;

    private final String host;
    private final int port;
    private final List<Address> addresses;
    private final AddressOrder addressOrder;
    private final TlsOptions tls;
    private final Duration connectTimeout;
    private final String userid;
    private final String password;
    private final String loginMethod;
    private final boolean loginMethodChosen;
    private final String virtualHost;
    private final String locale;
    private final int channelMax;
    private final long frameMax;
    private final Duration heartbeat;
    private final Map<String, Object> clientProperties;
    private final String connectionName;
    private final Consumer<String> onBlocked;
    private final Runnable onUnblocked;
    private final Duration rpcTimeout;
    private final Duration writeTimeout;
    private final long maxBodySize;
    private final ThreadFactory threadFactory;
    private final Executor dispatchExecutor;
    private final Executor backgroundExecutor;

    private ConnectionParameters(Builder b) {
        host = b.host;
        port = b.port > 0 ? b.port : (b.tls != null ? 5671 : 5672);
        tls = b.tls;
        addresses = b.addresses == null ? List.of(new Address(host, port)) : b.addresses;
        addressOrder = b.addressOrder;
        connectTimeout = b.connectTimeout;
        userid = b.userid;
        password = b.password;
        loginMethod = b.loginMethod;
        loginMethodChosen = b.loginMethodChosen;
        virtualHost = b.virtualHost;
        locale = b.locale;
        channelMax = b.channelMax;
        frameMax = b.frameMax;
        heartbeat = b.heartbeat;
        clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.clientProperties));
        connectionName = b.connectionName;
        onBlocked = b.onBlocked;
        onUnblocked = b.onUnblocked;
        rpcTimeout = b.rpcTimeout;
        writeTimeout = b.writeTimeout;
        maxBodySize = b.maxBodySize;
        threadFactory = b.threadFactory;
        dispatchExecutor = b.dispatchExecutor;
        backgroundExecutor = b.backgroundExecutor;
        if (channelMax < 0 || channelMax > 65535) {
            throw new IllegalArgumentException("channelMax must be 0-65535, got " + channelMax);
        }
        if (frameMax != 0 && (frameMax < 4096 || frameMax > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException("frameMax must be 0 (unlimited) or 4096 to 2^32-1, got " + frameMax);
        }
        if (heartbeat.isNegative() || heartbeat.getSeconds() > 65535) {
            throw new IllegalArgumentException("heartbeat must be 0-65535 seconds, got " + heartbeat);
        }
        for (Duration d : new Duration[] {connectTimeout, rpcTimeout, writeTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, got " + d);
            }
        }
    }

    /** A builder with amqpy's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Parameters from an {@code amqp://} or {@code amqps://} URI (see {@link AmqpUri}). */
    public static ConnectionParameters fromUri(String uri) {
        return AmqpUri.parse(uri, builder()).build();
    }

    /** A builder initialised with these parameters. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.tls = tls;
        b.addresses = addresses.size() == 1 && addresses.get(0).equals(new Address(host, port)) ? null : addresses;
        b.addressOrder = addressOrder;
        b.connectTimeout = connectTimeout;
        b.userid = userid;
        b.password = password;
        b.loginMethod = loginMethod;
        b.loginMethodChosen = loginMethodChosen;
        b.virtualHost = virtualHost;
        b.locale = locale;
        b.channelMax = channelMax;
        b.frameMax = frameMax;
        b.heartbeat = heartbeat;
        b.clientProperties.putAll(clientProperties);
        b.connectionName = connectionName;
        b.onBlocked = onBlocked;
        b.onUnblocked = onUnblocked;
        b.rpcTimeout = rpcTimeout;
        b.writeTimeout = writeTimeout;
        b.maxBodySize = maxBodySize;
        b.threadFactory = threadFactory;
        b.dispatchExecutor = dispatchExecutor;
        b.backgroundExecutor = backgroundExecutor;
        return b;
    }

    /**
     * The broker nodes to try, in the order given: the {@code addresses} set on the builder, else
     * {@link #host()} and {@link #port()} alone.
     */
    public List<Address> addresses() {
        return addresses;
    }

    /** In which order the addresses are tried (shuffled by default). */
    public AddressOrder addressOrder() {
        return addressOrder;
    }

    /** Broker host (the first address's, when a list was given). */
    public String host() {
        return host;
    }

    /** Broker port (5672, or 5671 with TLS, unless set). */
    public int port() {
        return port;
    }

    /** TLS options, null for plain TCP. */
    public TlsOptions tls() {
        return tls;
    }

    /** Time allowed for TCP connect, TLS and the AMQP handshake together. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** User name. */
    public String userid() {
        return userid;
    }

    /** Password; never logged. */
    String password() {
        return password;
    }

    /** SASL mechanism: AMQPLAIN (amqpy's default), PLAIN or EXTERNAL. */
    public String loginMethod() {
        return loginMethod;
    }

    /**
     * Whether the login method was chosen ({@link Builder#loginMethod}, {@code auth_mechanism});
     * if not, a broker that does not offer AMQPLAIN (Qpid Broker-J, say) is signed on to with PLAIN.
     */
    public boolean loginMethodChosen() {
        return loginMethodChosen;
    }

    /** Virtual host. */
    public String virtualHost() {
        return virtualHost;
    }

    /** Locale sent in start-ok. */
    public String locale() {
        return locale;
    }

    /** Requested channel_max (0 = no limit). */
    public int channelMax() {
        return channelMax;
    }

    /** Requested frame_max (0 = no limit). */
    public long frameMax() {
        return frameMax;
    }

    /** Requested heartbeat interval (0 = take the broker's). */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** Extra client properties merged over the defaults. */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /** Connection name shown in the broker's management UI, or null. */
    public String connectionName() {
        return connectionName;
    }

    /** Called with the reason when the broker blocks the connection, or null. */
    public Consumer<String> onBlocked() {
        return onBlocked;
    }

    /** Called when the broker unblocks the connection, or null. */
    public Runnable onUnblocked() {
        return onUnblocked;
    }

    /** How long a synchronous method waits for its reply. */
    public Duration rpcTimeout() {
        return rpcTimeout;
    }

    /** How long one socket write (or a publish waiting on a blocked connection) may take. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** Largest message body accepted from the broker. */
    public long maxBodySize() {
        return maxBodySize;
    }

    /** Creates the connection's reader, heartbeat and writer threads. */
    public ThreadFactory threadFactory() {
        return threadFactory;
    }

    /** Runs consumer callbacks; null means they run in {@link Connection#drainEvents}. */
    public Executor dispatchExecutor() {
        return dispatchExecutor;
    }

    /**
     * Runs the connection's three long-lived loops (reader, heartbeat monitor, burst writer) when set, instead of
     * threads from {@link #threadFactory()}: in a container, the WorkManager.
     */
    public Executor backgroundExecutor() {
        return backgroundExecutor;
    }

    @Override
    public String toString() {
        return "ConnectionParameters{" + (tls != null ? "amqps" : "amqp") + "://" + userid + "@" + host + ":" + port
                + ", virtualHost='" + virtualHost + "', loginMethod=" + loginMethod + ", heartbeat=" + heartbeat
                + ", frameMax=" + frameMax + ", channelMax=" + channelMax + ", tls=" + tls + '}';
    }

    /** Builds {@link ConnectionParameters}. */
    public static final class Builder {
        private String host = "localhost";
        private int port;
        private List<Address> addresses;
        private AddressOrder addressOrder = AddressOrder.SHUFFLED;
        private TlsOptions tls;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private String userid = "guest";
        private String password = "guest";
        private String loginMethod = "AMQPLAIN";
        private boolean loginMethodChosen;
        private String virtualHost = "/";
        private String locale = "en_US";
        private int channelMax = 65535;
        private long frameMax = 131072;
        private Duration heartbeat = Duration.ZERO;
        private final Map<String, Object> clientProperties = new LinkedHashMap<>();
        private String connectionName;
        private Consumer<String> onBlocked;
        private Runnable onUnblocked;
        private Duration rpcTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private long maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private ThreadFactory threadFactory = DaemonThreads.INSTANCE;
        private Executor dispatchExecutor;
        private Executor backgroundExecutor;

        private Builder() {}

        /**
         * The broker nodes to try (a cluster's nodes), each with the connect timeout, in
         * {@link #addressOrder(AddressOrder)}; the first also becomes {@link #host(String)} and
         * {@link #port(int)}. Null goes back to host and port alone.
         */
        public Builder addresses(List<Address> v) {
            if (v != null && v.isEmpty()) {
                throw new IllegalArgumentException("an address list needs at least one address");
            }
            addresses = v == null ? null : List.copyOf(v);
            if (addresses != null) {
                host = addresses.get(0).host();
                port = addresses.get(0).port();
            }
            return this;
        }

        /** {@link #addresses(List)} from a comma-separated list: {@code h1:5672,h2:5672,[::1]:5673}. */
        public Builder addresses(String commaSeparated) {
            return addresses(Address.parseList(commaSeparated));
        }

        /** Shuffled (the default: clients spread over the nodes) or in the order given. */
        public Builder addressOrder(AddressOrder v) {
            addressOrder = v;
            return this;
        }

        /** Broker host. */
        public Builder host(String v) {
            host = v;
            addresses = null; // host and port alone
            return this;
        }

        /** Broker port; 0 picks 5672, or 5671 with TLS. */
        public Builder port(int v) {
            port = v;
            addresses = null;
            return this;
        }

        /** Enables TLS with these options (null disables). */
        public Builder tls(TlsOptions v) {
            tls = v;
            return this;
        }

        /** Time allowed for connect, TLS and AMQP handshake. */
        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        /** User name. */
        public Builder userid(String v) {
            userid = v;
            return this;
        }

        /** Password. */
        public Builder password(String v) {
            password = v;
            return this;
        }

        /** SASL mechanism: AMQPLAIN, PLAIN or EXTERNAL. */
        public Builder loginMethod(String v) {
            loginMethodChosen = true;
            loginMethod = v.toUpperCase();
            return this;
        }

        /** Virtual host. */
        public Builder virtualHost(String v) {
            virtualHost = v;
            return this;
        }

        /** Locale. */
        public Builder locale(String v) {
            locale = v;
            return this;
        }

        /** channel_max to offer (0 = no limit). */
        public Builder channelMax(int v) {
            channelMax = v;
            return this;
        }

        /** frame_max to offer (0 = no limit). */
        public Builder frameMax(long v) {
            frameMax = v;
            return this;
        }

        /** Heartbeat interval to offer, whole seconds (0 = take the broker's). */
        public Builder heartbeat(Duration v) {
            heartbeat = v;
            return this;
        }

        /** Adds a client property (sent in start-ok). */
        public Builder clientProperty(String k, Object v) {
            clientProperties.put(k, v);
            return this;
        }

        /** Name shown for this connection in the broker's management UI. */
        public Builder connectionName(String v) {
            connectionName = v;
            return this;
        }

        /** Callback for connection.blocked. */
        public Builder onBlocked(Consumer<String> v) {
            onBlocked = v;
            return this;
        }

        /** Callback for connection.unblocked. */
        public Builder onUnblocked(Runnable v) {
            onUnblocked = v;
            return this;
        }

        /** Timeout of synchronous methods. */
        public Builder rpcTimeout(Duration v) {
            rpcTimeout = v;
            return this;
        }

        /** Timeout of a socket write and of waiting for an unblock. */
        public Builder writeTimeout(Duration v) {
            writeTimeout = v;
            return this;
        }

        /** Largest body accepted from the broker. */
        public Builder maxBodySize(long v) {
            maxBodySize = v;
            return this;
        }

        /** Thread factory for the reader and heartbeat threads. */
        public Builder threadFactory(ThreadFactory v) {
            threadFactory = v;
            return this;
        }

        /** Executor running consumer callbacks (null: drainEvents runs them). */
        public Builder dispatchExecutor(Executor v) {
            dispatchExecutor = v;
            return this;
        }

        /** Executor for the reader, heartbeat and writer loops (null: threads from the thread factory). */
        public Builder backgroundExecutor(Executor v) {
            backgroundExecutor = v;
            return this;
        }

        /** The parameters. */
        public ConnectionParameters build() {
            return new ConnectionParameters(this);
        }
    }
}
