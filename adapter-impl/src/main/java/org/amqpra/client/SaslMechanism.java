package org.amqpra.client;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amqpra.wire.FieldTables;
import org.amqpra.wire.WireWriter;

/**
 * The SASL mechanisms of AMQP 0-9-1 as RabbitMQ implements them. Responses carry the password:
 * they are never logged ({@link org.amqpra.wire.AmqpMethod#toString()} hides long strings).
 */
enum SaslMechanism {
    /** RFC 4616: {@code \0user\0password}. */
    PLAIN {
        @Override
        byte[] response(String user, String password) {
            return ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        }
    },
    /** RabbitMQ's AMQPLAIN (amqpy's default): a field table without its length prefix, LOGIN and PASSWORD. */
    AMQPLAIN {
        @Override
        byte[] response(String user, String password) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("LOGIN", user);
            t.put("PASSWORD", password);
            WireWriter w = new WireWriter(64);
            FieldTables.write(w, t);
            byte[] all = w.toByteArray();
            byte[] withoutSize = new byte[all.length - 4];
            System.arraycopy(all, 4, withoutSize, 0, withoutSize.length);
            return withoutSize;
        }
    },
    /** Identity from the TLS client certificate (RabbitMQ's rabbitmq_auth_mechanism_ssl); empty response. */
    EXTERNAL {
        @Override
        byte[] response(String user, String password) {
            return new byte[0];
        }
    };

    /** The start-ok response for these credentials. */
    abstract byte[] response(String user, String password);

    /** The mechanism called {@code name} (case-insensitive). */
    static SaslMechanism named(String name) {
        try {
            return valueOf(name.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported login method '" + name + "' (PLAIN, AMQPLAIN or EXTERNAL)");
        }
    }
}
