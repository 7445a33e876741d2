package org.amqpra.client;

import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TLS settings of a connection. Peer verification and hostname verification are on by default;
 * turning hostname verification off is an explicit opt-out ({@link Builder#verifyHostname(boolean)}).
 * Trust and key material come from an {@link SSLContext} you build, or from files: a CA
 * certificate in PEM ({@code cacertfile}, RabbitMQ's URI name), a client certificate and PKCS#8
 * private key in PEM ({@code certfile}, {@code keyfile}) for EXTERNAL authentication, or Java key
 * stores. With none of them the JVM's default trust store is used. Passwords are never printed.
 */
public final class TlsOptions {
    private final SSLContext sslContext;
    private final Path caCertFile;
    private final Path certFile;
    private final Path keyFile;
    private final Path trustStore;
    private final char[] trustStorePassword;
    private final Path keyStore;
    private final char[] keyStorePassword;
    private final boolean verifyPeer;
    private final boolean verifyHostname;
    private final String serverNameIndication;

    private TlsOptions(Builder b) {
        sslContext = b.sslContext;
        caCertFile = b.caCertFile;
        certFile = b.certFile;
        keyFile = b.keyFile;
        trustStore = b.trustStore;
        trustStorePassword = b.trustStorePassword;
        keyStore = b.keyStore;
        keyStorePassword = b.keyStorePassword;
        verifyPeer = b.verifyPeer;
        verifyHostname = b.verifyHostname;
        serverNameIndication = b.serverNameIndication;
        if (certFile != null && keyFile == null || certFile == null && keyFile != null) {
            throw new IllegalArgumentException("certfile and keyfile must be given together");
        }
    }

    /** A builder with verification on and the JVM's default trust. */
    public static Builder builder() {
        return new Builder();
    }

    /** TLS with the JVM's default trust and full verification. */
    public static TlsOptions defaults() {
        return builder().build();
    }

    /** A context supplied by the application, or null. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** PEM CA certificate(s) to trust, or null. */
    public Path caCertFile() {
        return caCertFile;
    }

    /** PEM client certificate, or null. */
    public Path certFile() {
        return certFile;
    }

    /** PEM (PKCS#8, unencrypted) client key, or null. */
    public Path keyFile() {
        return keyFile;
    }

    /** Java trust store, or null. */
    public Path trustStore() {
        return trustStore;
    }

    /** Trust store password, or null. */
    char[] trustStorePassword() {
        return trustStorePassword;
    }

    /** Java key store with the client certificate, or null. */
    public Path keyStore() {
        return keyStore;
    }

    /** Key store password, or null. */
    char[] keyStorePassword() {
        return keyStorePassword;
    }

    /** False only when the peer's certificate chain is deliberately not checked (verify_none). */
    public boolean verifyPeer() {
        return verifyPeer;
    }

    /** True (default) when the certificate must name the host connected to. */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    /** SNI host name to send, or null for the connection host. */
    public String serverNameIndication() {
        return serverNameIndication;
    }

    @Override
    public String toString() {
        return "TlsOptions{verifyPeer=" + verifyPeer + ", verifyHostname=" + verifyHostname
                + (caCertFile != null ? ", cacertfile=" + caCertFile : "")
                + (certFile != null ? ", certfile=" + certFile : "")
                + (trustStore != null ? ", trustStore=" + trustStore : "")
                + (keyStore != null ? ", keyStore=" + keyStore : "")
                + (sslContext != null ? ", sslContext=" + sslContext.getProtocol() : "") + '}';
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TlsOptions)) {
            return false;
        }
        TlsOptions t = (TlsOptions) o;
        return verifyPeer == t.verifyPeer
                && verifyHostname == t.verifyHostname
                && Objects.equals(sslContext, t.sslContext)
                && Objects.equals(caCertFile, t.caCertFile)
                && Objects.equals(certFile, t.certFile)
                && Objects.equals(keyFile, t.keyFile)
                && Objects.equals(trustStore, t.trustStore)
                && Objects.equals(keyStore, t.keyStore)
                && Objects.equals(serverNameIndication, t.serverNameIndication);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caCertFile, certFile, trustStore, keyStore, verifyPeer, verifyHostname);
    }

    /** Builds {@link TlsOptions}. */
    public static final class Builder {
        private SSLContext sslContext;
        private Path caCertFile;
        private Path certFile;
        private Path keyFile;
        private Path trustStore;
        private char[] trustStorePassword;
        private Path keyStore;
        private char[] keyStorePassword;
        private boolean verifyPeer = true;
        private boolean verifyHostname = true;
        private String serverNameIndication;

        private Builder() {}

        /** Uses this context as is (its trust and key managers). */
        public Builder sslContext(SSLContext v) {
            sslContext = v;
            return this;
        }

        /** Trusts the CA certificate(s) in this PEM file. */
        public Builder caCertFile(Path v) {
            caCertFile = v;
            return this;
        }

        /** Presents this PEM certificate with the PKCS#8 PEM key (for EXTERNAL authentication). */
        public Builder clientCertificate(Path certFile, Path keyFile) {
            this.certFile = certFile;
            this.keyFile = keyFile;
            return this;
        }

        /** Trusts the certificates of this Java key store (PKCS12 or JKS). */
        public Builder trustStore(Path path, char[] password) {
            trustStore = path;
            trustStorePassword = password == null ? null : password.clone();
            return this;
        }

        /** Presents the key and certificate of this Java key store. */
        public Builder keyStore(Path path, char[] password) {
            keyStore = path;
            keyStorePassword = password == null ? null : password.clone();
            return this;
        }

        /** False disables certificate chain checks entirely (RabbitMQ's verify_none); for tests only. */
        public Builder verifyPeer(boolean v) {
            verifyPeer = v;
            return this;
        }

        /** False turns hostname verification off: an explicit opt-out, not recommended. */
        public Builder verifyHostname(boolean v) {
            verifyHostname = v;
            return this;
        }

        /** Sends this SNI name instead of the connection host. */
        public Builder serverNameIndication(String v) {
            serverNameIndication = v;
            return this;
        }

        /** The options. */
        public TlsOptions build() {
            return new TlsOptions(this);
        }
    }
}
