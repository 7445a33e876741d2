package org.amqpra.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Wraps a connected socket in TLS according to {@link TlsOptions}. */
final class TlsSockets {
    private TlsSockets() {}

    /**
     * Performs the TLS handshake over {@code plain}; hostname verification as configured. The
     * caller bounds it in time (closing {@code plain} aborts it).
     */
    static SSLSocket wrap(Socket plain, String host, int port, TlsOptions o) throws IOException {
        SSLContext ctx;
        try {
            ctx = o.sslContext() != null ? o.sslContext() : build(o);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters params = s.getSSLParameters();
        if (o.verifyHostname() && o.verifyPeer()) {
            // HTTPS-style identity check: the certificate's SAN must match the host we dialled.
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        String sni = o.serverNameIndication() != null ? o.serverNameIndication() : host;
        if (sni != null && !sni.isEmpty() && !Character.isDigit(sni.charAt(0)) && !sni.contains(":")) {
            params.setServerNames(List.of(new SNIHostName(sni)));
        }
        s.setSSLParameters(params);
        s.startHandshake();
        return s;
    }

    private static SSLContext build(TlsOptions o) throws GeneralSecurityException, IOException {
        TrustManager[] tms = trustManagers(o);
        KeyManager[] kms = keyManagers(o);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kms, tms, null);
        return ctx;
    }

    private static TrustManager[] trustManagers(TlsOptions o) throws GeneralSecurityException, IOException {
        if (!o.verifyPeer()) {
            return new TrustManager[] {new TrustEverything()};
        }
        KeyStore ks = null;
        if (o.caCertFile() != null) {
            ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : readCertificates(o.caCertFile())) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
        } else if (o.trustStore() != null) {
            ks = loadStore(o.trustStore(), o.trustStorePassword());
        }
        if (ks == null) {
            return null; // JVM default trust
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    private static KeyManager[] keyManagers(TlsOptions o) throws GeneralSecurityException, IOException {
        KeyStore ks;
        char[] pw;
        if (o.certFile() != null) {
            pw = new char[0];
            ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            Collection<? extends Certificate> chain = readCertificates(o.certFile());
            ks.setKeyEntry("client", readPkcs8Key(o.keyFile()), pw, chain.toArray(new Certificate[0]));
        } else if (o.keyStore() != null) {
            pw = o.keyStorePassword() == null ? new char[0] : o.keyStorePassword();
            ks = loadStore(o.keyStore(), pw);
        } else {
            return null;
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    private static KeyStore loadStore(Path p, char[] pw) throws GeneralSecurityException, IOException {
        String name = p.getFileName().toString().toLowerCase();
        KeyStore ks = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(p)) {
            ks.load(in, pw);
        }
        return ks;
    }

    private static Collection<? extends Certificate> readCertificates(Path p)
            throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static PrivateKey readPkcs8Key(Path p) throws GeneralSecurityException, IOException {
        String pem = Files.readString(p, StandardCharsets.US_ASCII);
        if (pem.contains("ENCRYPTED") || pem.contains("RSA PRIVATE KEY") || pem.contains("EC PRIVATE KEY")) {
            throw new GeneralSecurityException("keyfile must be an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); "
                    + "convert with: openssl pkcs8 -topk8 -nocrypt");
        }
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64));
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw new GeneralSecurityException("keyfile " + p + " holds no RSA, EC or Ed25519 key");
    }

    /** verify_none: accepts any certificate. Only reachable through an explicit opt-out. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
