package org.amqpra.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses RabbitMQ's URI form {@code amqp[s]://user:password@host:port/vhost?query} into connection
 * parameters. User, password and vhost are percent-decoded ({@code %2F} is "/"). A missing or
 * empty path means the default vhost "/" (RabbitMQ's spec would make {@code amqp://h/} the empty
 * vhost, which no broker has; we follow pika and the Java client's users' expectation instead).
 *
 * <p>Query parameters (RabbitMQ's names): {@code heartbeat} (seconds), {@code connection_timeout}
 * (milliseconds), {@code channel_max}, {@code frame_max}, {@code auth_mechanism} (plain, amqplain,
 * external; the first one given is used), and for amqps {@code cacertfile}, {@code certfile},
 * {@code keyfile}, {@code verify} (verify_peer or verify_none), {@code server_name_indication};
 * plus {@code verify_hostname=false} to opt out of hostname checks. Unknown parameters are refused.
 *
 * <p>Clusters: the host part may list several nodes, {@code amqp://user:pw@h1:5672,h2:5673/vhost}
 * (RabbitMQ's and the Java client's form), or several whole URIs may be separated by commas,
 * {@code amqp://h1/v,amqp://h2/v}: then every address comes from its URI, and everything else
 * (credentials, vhost, query) from the first. An {@code address_order=ordered} query parameter
 * tries them in the order given instead of shuffled.
 */
public final class AmqpUri {
    private AmqpUri() {}

    /** Applies {@code uri} to {@code b}. */
    public static ConnectionParameters.Builder parse(String uri, ConnectionParameters.Builder b) {
        String[] uris = uri.split(",(?=amqps?://)");
        if (uris.length > 1) {
            List<Address> addresses = new ArrayList<>();
            for (String one : uris) {
                ConnectionParameters p =
                        parseOne(one, ConnectionParameters.builder()).build();
                addresses.addAll(p.addresses());
            }
            return parseOne(uris[0], b).addresses(addresses);
        }
        return parseOne(uri, b);
    }

    private static ConnectionParameters.Builder parseOne(String uri, ConnectionParameters.Builder b) {
        boolean tls;
        String rest;
        if (uri.regionMatches(true, 0, "amqps://", 0, 8)) {
            tls = true;
            rest = uri.substring(8);
        } else if (uri.regionMatches(true, 0, "amqp://", 0, 7)) {
            tls = false;
            rest = uri.substring(7);
        } else {
            throw new IllegalArgumentException("not an amqp:// or amqps:// URI: " + redact(uri));
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                b.userid(decode(userInfo.substring(0, colon)));
                b.password(decode(userInfo.substring(colon + 1)));
            } else if (!userInfo.isEmpty()) {
                b.userid(decode(userInfo));
            }
        }
        List<Address> nodes = rest.indexOf(',') >= 0 ? Address.parseList(decode(rest)) : null;
        if (nodes != null) {
            rest = nodes.get(0).toString();
        }
        String host = rest;
        int port = 0;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unterminated IPv6 literal in " + redact(uri));
            }
            host = rest.substring(1, close);
            if (rest.length() > close + 1 && rest.charAt(close + 1) == ':') {
                port = parsePort(rest.substring(close + 2), uri);
            }
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon >= 0) {
                host = rest.substring(0, colon);
                port = parsePort(rest.substring(colon + 1), uri);
            }
        }
        if (!host.isEmpty()) {
            b.host(decode(host));
        }
        b.port(port);
        if (nodes != null) {
            b.addresses(nodes);
        }
        if (path != null && !path.isEmpty()) {
            if (path.contains("/")) {
                throw new IllegalArgumentException(
                        "vhost must be one path segment (encode '/' as %2F): " + redact(uri));
            }
            b.virtualHost(decode(path));
        }
        TlsOptions.Builder tlsb = tls ? TlsOptions.builder() : null;
        boolean authSet = false;
        Path certFile = null;
        Path keyFile = null;
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (k) {
                    case "address_order":
                        b.addressOrder(AddressOrder.valueOf(v.toUpperCase(Locale.ROOT)));
                        break;
                    case "heartbeat":
                        b.heartbeat(Duration.ofSeconds(Long.parseLong(v)));
                        break;
                    case "connection_timeout":
                        b.connectTimeout(Duration.ofMillis(Long.parseLong(v)));
                        break;
                    case "channel_max":
                        b.channelMax(Integer.parseInt(v));
                        break;
                    case "frame_max":
                        b.frameMax(Long.parseLong(v));
                        break;
                    case "auth_mechanism":
                        if (!authSet) {
                            b.loginMethod(v);
                            authSet = true;
                        }
                        break;
                    case "cacertfile":
                        tlsOnly(tlsb, k).caCertFile(Path.of(v));
                        break;
                    case "certfile":
                        tlsOnly(tlsb, k);
                        certFile = Path.of(v);
                        break;
                    case "keyfile":
                        tlsOnly(tlsb, k);
                        keyFile = Path.of(v);
                        break;
                    case "verify":
                        tlsOnly(tlsb, k).verifyPeer(!"verify_none".equals(v));
                        break;
                    case "verify_hostname":
                        tlsOnly(tlsb, k).verifyHostname(Boolean.parseBoolean(v));
                        break;
                    case "server_name_indication":
                        tlsOnly(tlsb, k).serverNameIndication(v);
                        break;
                    case "fail_if_no_peer_cert":
                        break; // a server-side option in RabbitMQ's list; meaningless here
                    default:
                        throw new IllegalArgumentException("unknown URI query parameter '" + k + "'");
                }
            }
        }
        if (tlsb != null) {
            if (certFile != null || keyFile != null) {
                tlsb.clientCertificate(certFile, keyFile);
            }
            b.tls(tlsb.build());
        }
        return b;
    }

    private static TlsOptions.Builder tlsOnly(TlsOptions.Builder tlsb, String k) {
        if (tlsb == null) {
            throw new IllegalArgumentException("URI parameter '" + k + "' needs an amqps:// URI");
        }
        return tlsb;
    }

    private static int parsePort(String s, String uri) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + s + "' in " + redact(uri));
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URI with any password replaced by "***", for error messages. */
    static String redact(String uri) {
        return uri.replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@");
    }
}
