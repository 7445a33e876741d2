package org.amqpra.jca;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.amqpra.client.Address;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.client.TlsOptions;

/**
 * Broker coordinates as JavaBean config properties (wrapper types, as Connectors validation
 * wants). The resource adapter holds the defaults; managed connection factories and activation
 * specs hold overrides, where null means "the adapter's value". The password never appears in
 * {@link #toString()}.
 */
public class BrokerConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private String host;
    private Integer port;
    private String addresses;
    private String connectionNamePrefix;
    private String virtualHost;
    private String userName;
    private String password;
    private Boolean tls;
    private String tlsCaCertFile;
    private String tlsCertFile;
    private String tlsKeyFile;
    private Boolean tlsVerifyHostname;
    private Integer heartbeatSeconds;
    private Integer connectTimeoutMillis;
    private Integer rpcTimeoutMillis;

    /** Broker host (adapter default: localhost). */
    public String getHost() {
        return host;
    }
    /** Sets the broker host. */
    public void setHost(String v) {
        host = v;
    }
    /** Broker port (adapter default: 5672, or 5671 with TLS). */
    public Integer getPort() {
        return port;
    }
    /** Sets the broker port. */
    public void setPort(Integer v) {
        port = v;
    }
    /**
     * A comma-separated list of broker nodes, {@code host:port} each ({@code [ipv6]:port}); when
     * set it takes precedence over Host and Port, which are then not tried. The nodes are tried
     * shuffled, each with the connect timeout, when a broker connection is opened.
     */
    public String getAddresses() {
        return addresses;
    }
    /**
     * Sets the node list; empty means unset.
     *
     * @throws IllegalArgumentException naming the malformed address
     */
    public void setAddresses(String v) {
        if (v != null && !v.isBlank()) {
            Address.parseList(v); // refuse a malformed list when it is configured, not at first use
        }
        addresses = v;
    }
    /**
     * The start of every broker connection's {@code connection_name} (adapter default:
     * {@code amqp-ra}); the rest names the connection's owner, so that {@code rabbitmqctl
     * list_connections name client_properties} tells them apart: {@code <prefix>:<activation>}
     * for an MDB, {@code <prefix>:<pool name>#<n>} for a pool's n-th broker connection.
     */
    public String getConnectionNamePrefix() {
        return connectionNamePrefix;
    }
    /** Sets the connection name prefix. */
    public void setConnectionNamePrefix(String v) {
        connectionNamePrefix = v;
    }
    /** Virtual host (adapter default: /). */
    public String getVirtualHost() {
        return virtualHost;
    }
    /** Sets the virtual host. */
    public void setVirtualHost(String v) {
        virtualHost = v;
    }
    /** User name (adapter default: guest). */
    public String getUserName() {
        return userName;
    }
    /** Sets the user name. */
    public void setUserName(String v) {
        userName = v;
    }
    /** Password (adapter default: guest). */
    public String getPassword() {
        return password;
    }
    /** Sets the password. */
    public void setPassword(String v) {
        password = v;
    }
    /** True for TLS (adapter default: false). */
    public Boolean getTls() {
        return tls;
    }
    /** Enables TLS. */
    public void setTls(Boolean v) {
        tls = v;
    }
    /** PEM file with the CA certificate(s) to trust; empty: the JVM's trust store. */
    public String getTlsCaCertFile() {
        return tlsCaCertFile;
    }
    /** Sets the CA file. */
    public void setTlsCaCertFile(String v) {
        tlsCaCertFile = v;
    }
    /** PEM client certificate (with tlsKeyFile, for EXTERNAL authentication). */
    public String getTlsCertFile() {
        return tlsCertFile;
    }
    /** Sets the client certificate file. */
    public void setTlsCertFile(String v) {
        tlsCertFile = v;
    }
    /** PEM PKCS#8 client key. */
    public String getTlsKeyFile() {
        return tlsKeyFile;
    }
    /** Sets the client key file. */
    public void setTlsKeyFile(String v) {
        tlsKeyFile = v;
    }
    /** Hostname verification (adapter default: true). */
    public Boolean getTlsVerifyHostname() {
        return tlsVerifyHostname;
    }
    /** Turns hostname verification off (false) or on. */
    public void setTlsVerifyHostname(Boolean v) {
        tlsVerifyHostname = v;
    }
    /** Heartbeat in seconds (adapter default: 60). */
    public Integer getHeartbeatSeconds() {
        return heartbeatSeconds;
    }
    /** Sets the heartbeat. */
    public void setHeartbeatSeconds(Integer v) {
        heartbeatSeconds = v;
    }
    /** Connect timeout in ms (adapter default: 30000). */
    public Integer getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }
    /** Sets the connect timeout. */
    public void setConnectTimeoutMillis(Integer v) {
        connectTimeoutMillis = v;
    }
    /** Timeout of each synchronous AMQP call in ms (adapter default: 30000). */
    public Integer getRpcTimeoutMillis() {
        return rpcTimeoutMillis;
    }
    /** Sets the RPC timeout. */
    public void setRpcTimeoutMillis(Integer v) {
        rpcTimeoutMillis = v;
    }

    /** This config's values with {@code defaults} filling the nulls. */
    public BrokerConfig withDefaults(BrokerConfig defaults) {
        BrokerConfig r = new BrokerConfig();
        r.host = first(host, defaults.host);
        r.port = first(port, defaults.port);
        r.addresses = first(addresses, defaults.addresses);
        r.connectionNamePrefix = first(connectionNamePrefix, defaults.connectionNamePrefix);
        r.virtualHost = first(virtualHost, defaults.virtualHost);
        r.userName = first(userName, defaults.userName);
        r.password = first(password, defaults.password);
        r.tls = first(tls, defaults.tls);
        r.tlsCaCertFile = first(tlsCaCertFile, defaults.tlsCaCertFile);
        r.tlsCertFile = first(tlsCertFile, defaults.tlsCertFile);
        r.tlsKeyFile = first(tlsKeyFile, defaults.tlsKeyFile);
        r.tlsVerifyHostname = first(tlsVerifyHostname, defaults.tlsVerifyHostname);
        r.heartbeatSeconds = first(heartbeatSeconds, defaults.heartbeatSeconds);
        r.connectTimeoutMillis = first(connectTimeoutMillis, defaults.connectTimeoutMillis);
        r.rpcTimeoutMillis = first(rpcTimeoutMillis, defaults.rpcTimeoutMillis);
        return r;
    }

    /** The adapter's built-in defaults. */
    public static BrokerConfig builtInDefaults() {
        BrokerConfig d = new BrokerConfig();
        d.host = "localhost";
        d.connectionNamePrefix = "amqp-ra";
        d.port = 0;
        d.virtualHost = "/";
        d.userName = "guest";
        d.password = "guest";
        d.tls = false;
        d.tlsVerifyHostname = true;
        d.heartbeatSeconds = 60;
        d.connectTimeoutMillis = 30_000;
        d.rpcTimeoutMillis = 30_000;
        return d;
    }

    private static <T> T first(T a, T b) {
        return a != null && !"".equals(a) ? a : b;
    }

    /** Client parameters for these (fully defaulted) values and the given credentials. */
    public ConnectionParameters toParameters(String user, String pass, Executor background, Executor dispatch) {
        return toParameters(user, pass, background, dispatch, null);
    }

    /**
     * Client parameters for these (fully defaulted) values and the given credentials, for a
     * connection whose {@code connection_name} is the prefix and {@code owner} (none: the prefix).
     */
    public ConnectionParameters toParameters(
            String user, String pass, Executor background, Executor dispatch, String owner) {
        String prefix =
                connectionNamePrefix == null || connectionNamePrefix.isBlank() ? "amqp-ra" : connectionNamePrefix;
        ConnectionParameters.Builder b = ConnectionParameters.builder()
                .host(host)
                .port(port == null ? 0 : port)
                .virtualHost(virtualHost)
                .userid(user)
                .password(pass)
                .loginMethod("PLAIN")
                .heartbeat(Duration.ofSeconds(heartbeatSeconds))
                .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                .rpcTimeout(Duration.ofMillis(rpcTimeoutMillis))
                .connectionName(owner == null ? prefix : prefix + ":" + owner)
                .backgroundExecutor(background)
                .dispatchExecutor(dispatch);
        if (addresses != null && !addresses.isBlank()) {
            b.addresses(Address.parseList(addresses));
        }
        if (Boolean.TRUE.equals(tls)) {
            TlsOptions.Builder t = TlsOptions.builder().verifyHostname(!Boolean.FALSE.equals(tlsVerifyHostname));
            if (tlsCaCertFile != null && !tlsCaCertFile.isEmpty()) {
                t.caCertFile(Path.of(tlsCaCertFile));
            }
            if (tlsCertFile != null && !tlsCertFile.isEmpty()) {
                t.clientCertificate(Path.of(tlsCertFile), Path.of(tlsKeyFile));
                b.loginMethod(user == null || user.isEmpty() ? "EXTERNAL" : "PLAIN");
            }
            b.tls(t.build());
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        BrokerConfig c = (BrokerConfig) o;
        return Objects.equals(host, c.host)
                && Objects.equals(port, c.port)
                && Objects.equals(addresses, c.addresses)
                && Objects.equals(connectionNamePrefix, c.connectionNamePrefix)
                && Objects.equals(virtualHost, c.virtualHost)
                && Objects.equals(userName, c.userName)
                && Objects.equals(password, c.password)
                && Objects.equals(tls, c.tls)
                && Objects.equals(tlsCaCertFile, c.tlsCaCertFile)
                && Objects.equals(tlsCertFile, c.tlsCertFile)
                && Objects.equals(tlsKeyFile, c.tlsKeyFile)
                && Objects.equals(tlsVerifyHostname, c.tlsVerifyHostname)
                && Objects.equals(heartbeatSeconds, c.heartbeatSeconds)
                && Objects.equals(connectTimeoutMillis, c.connectTimeoutMillis)
                && Objects.equals(rpcTimeoutMillis, c.rpcTimeoutMillis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, virtualHost, userName, tls, heartbeatSeconds);
    }

    @Override
    public String toString() {
        String nodes = addresses != null && !addresses.isBlank() ? addresses : host + ":" + port;
        return (Boolean.TRUE.equals(tls) ? "amqps://" : "amqp://") + userName + "@" + nodes + "/" + virtualHost
                + " (heartbeat " + heartbeatSeconds + " s)";
    }
}
