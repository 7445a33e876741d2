package org.amqpra.client;

import java.util.ArrayList;
import java.util.List;

/**
 * One broker node's address: a host and a port, 0 for the default (5672, or 5671 with TLS).
 * Written {@code host}, {@code host:port}, or with an IPv6 literal in brackets,
 * {@code [::1]:5672}.
 *
 * @param host a host name or IP literal (IPv6 without brackets)
 * @param port 1-65535, or 0 for the default
 */
public record Address(String host, int port) {
    /** Checks the parts. */
    public Address {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("an address needs a host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535 (or 0 for the default), was " + port);
        }
    }

    /** Parses {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}. */
    public static Address parse(String text) {
        String s = text.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unterminated IPv6 literal in address '" + text + "'");
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return new Address(host, 0);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("expected ':port' after the IPv6 literal in '" + text + "'");
            }
            return new Address(host, port(rest.substring(1), text));
        }
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && s.indexOf(':') != colon) {
            throw new IllegalArgumentException("an IPv6 address needs brackets: '" + text + "'");
        }
        return colon < 0 ? new Address(s, 0) : new Address(s.substring(0, colon), port(s.substring(colon + 1), text));
    }

    /** Parses a comma-separated list of addresses, in order. */
    public static List<Address> parseList(String text) {
        List<Address> list = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                list.add(parse(part));
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no address in '" + text + "'");
        }
        return List.copyOf(list);
    }

    private static int port(String s, String text) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port must be 1-65535 in address '" + text + "'");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number in address '" + text + "'", e);
        }
    }

    /** This address with the default port filled in. */
    Address withDefaultPort(int defaultPort) {
        return port == 0 ? new Address(host, defaultPort) : this;
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 0 ? h : h + ":" + port;
    }
}
