package org.amqpra.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete AMQP 0-9-1 method table with RabbitMQ's extensions (exchange.bind/unbind,
 * basic.nack, confirm.select, connection.blocked/unblocked, connection.update-secret). Argument
 * order and types are exactly the wire order; {@code ticket} and other reserved fields are kept
 * so that encoding needs no special cases.
 */
public final class Methods {
    private static final Map<Integer, MethodSpec> BY_KEY = new HashMap<>();
    private static final List<MethodSpec> ALL = new ArrayList<>();
    private static final boolean SYNC = true;
    private static final boolean ASYNC = false;

    public static final MethodSpec CONNECTION_START = m(
            10,
            10,
            "connection.start",
            SYNC,
            "version-major:octet version-minor:octet server-properties:table mechanisms:longstr locales:longstr");
    public static final MethodSpec CONNECTION_START_OK = m(
            10,
            11,
            "connection.start-ok",
            ASYNC,
            "client-properties:table mechanism:shortstr response:longstr locale:shortstr");
    public static final MethodSpec CONNECTION_SECURE = m(10, 20, "connection.secure", SYNC, "challenge:longstr");
    public static final MethodSpec CONNECTION_SECURE_OK = m(10, 21, "connection.secure-ok", ASYNC, "response:longstr");
    public static final MethodSpec CONNECTION_TUNE =
            m(10, 30, "connection.tune", SYNC, "channel-max:short frame-max:long heartbeat:short");
    public static final MethodSpec CONNECTION_TUNE_OK =
            m(10, 31, "connection.tune-ok", ASYNC, "channel-max:short frame-max:long heartbeat:short");
    public static final MethodSpec CONNECTION_OPEN =
            m(10, 40, "connection.open", SYNC, "virtual-host:shortstr capabilities:shortstr insist:bit");
    public static final MethodSpec CONNECTION_OPEN_OK = m(10, 41, "connection.open-ok", ASYNC, "known-hosts:shortstr");
    public static final MethodSpec CONNECTION_CLOSE =
            m(10, 50, "connection.close", SYNC, "reply-code:short reply-text:shortstr class-id:short method-id:short");
    public static final MethodSpec CONNECTION_CLOSE_OK = m(10, 51, "connection.close-ok", ASYNC, "");
    public static final MethodSpec CONNECTION_BLOCKED = m(10, 60, "connection.blocked", ASYNC, "reason:shortstr");
    public static final MethodSpec CONNECTION_UNBLOCKED = m(10, 61, "connection.unblocked", ASYNC, "");
    public static final MethodSpec CONNECTION_UPDATE_SECRET =
            m(10, 70, "connection.update-secret", SYNC, "new-secret:longstr reason:shortstr");
    public static final MethodSpec CONNECTION_UPDATE_SECRET_OK = m(10, 71, "connection.update-secret-ok", ASYNC, "");

    public static final MethodSpec CHANNEL_OPEN = m(20, 10, "channel.open", SYNC, "out-of-band:shortstr");
    public static final MethodSpec CHANNEL_OPEN_OK = m(20, 11, "channel.open-ok", ASYNC, "channel-id:longstr");
    public static final MethodSpec CHANNEL_FLOW = m(20, 20, "channel.flow", SYNC, "active:bit");
    public static final MethodSpec CHANNEL_FLOW_OK = m(20, 21, "channel.flow-ok", ASYNC, "active:bit");
    public static final MethodSpec CHANNEL_CLOSE =
            m(20, 40, "channel.close", SYNC, "reply-code:short reply-text:shortstr class-id:short method-id:short");
    public static final MethodSpec CHANNEL_CLOSE_OK = m(20, 41, "channel.close-ok", ASYNC, "");

    public static final MethodSpec ACCESS_REQUEST =
            m(30, 10, "access.request", SYNC, "realm:shortstr exclusive:bit passive:bit active:bit write:bit read:bit");
    public static final MethodSpec ACCESS_REQUEST_OK = m(30, 11, "access.request-ok", ASYNC, "ticket:short");

    public static final MethodSpec EXCHANGE_DECLARE = m(
            40,
            10,
            "exchange.declare",
            SYNC,
            "ticket:short exchange:shortstr type:shortstr passive:bit durable:bit auto-delete:bit internal:bit "
                    + "nowait:bit arguments:table");
    public static final MethodSpec EXCHANGE_DECLARE_OK = m(40, 11, "exchange.declare-ok", ASYNC, "");
    public static final MethodSpec EXCHANGE_DELETE =
            m(40, 20, "exchange.delete", SYNC, "ticket:short exchange:shortstr if-unused:bit nowait:bit");
    public static final MethodSpec EXCHANGE_DELETE_OK = m(40, 21, "exchange.delete-ok", ASYNC, "");
    public static final MethodSpec EXCHANGE_BIND = m(
            40,
            30,
            "exchange.bind",
            SYNC,
            "ticket:short destination:shortstr source:shortstr routing-key:shortstr nowait:bit arguments:table");
    public static final MethodSpec EXCHANGE_BIND_OK = m(40, 31, "exchange.bind-ok", ASYNC, "");
    public static final MethodSpec EXCHANGE_UNBIND = m(
            40,
            40,
            "exchange.unbind",
            SYNC,
            "ticket:short destination:shortstr source:shortstr routing-key:shortstr nowait:bit arguments:table");
    /** RabbitMQ numbers unbind-ok 51, not 41. */
    public static final MethodSpec EXCHANGE_UNBIND_OK = m(40, 51, "exchange.unbind-ok", ASYNC, "");

    public static final MethodSpec QUEUE_DECLARE = m(
            50,
            10,
            "queue.declare",
            SYNC,
            "ticket:short queue:shortstr passive:bit durable:bit exclusive:bit auto-delete:bit nowait:bit "
                    + "arguments:table");
    public static final MethodSpec QUEUE_DECLARE_OK =
            m(50, 11, "queue.declare-ok", ASYNC, "queue:shortstr message-count:long consumer-count:long");
    public static final MethodSpec QUEUE_BIND = m(
            50,
            20,
            "queue.bind",
            SYNC,
            "ticket:short queue:shortstr exchange:shortstr routing-key:shortstr nowait:bit arguments:table");
    public static final MethodSpec QUEUE_BIND_OK = m(50, 21, "queue.bind-ok", ASYNC, "");
    public static final MethodSpec QUEUE_PURGE =
            m(50, 30, "queue.purge", SYNC, "ticket:short queue:shortstr nowait:bit");
    public static final MethodSpec QUEUE_PURGE_OK = m(50, 31, "queue.purge-ok", ASYNC, "message-count:long");
    public static final MethodSpec QUEUE_DELETE =
            m(50, 40, "queue.delete", SYNC, "ticket:short queue:shortstr if-unused:bit if-empty:bit nowait:bit");
    public static final MethodSpec QUEUE_DELETE_OK = m(50, 41, "queue.delete-ok", ASYNC, "message-count:long");
    public static final MethodSpec QUEUE_UNBIND = m(
            50,
            50,
            "queue.unbind",
            SYNC,
            "ticket:short queue:shortstr exchange:shortstr routing-key:shortstr arguments:table");
    public static final MethodSpec QUEUE_UNBIND_OK = m(50, 51, "queue.unbind-ok", ASYNC, "");

    public static final MethodSpec BASIC_QOS =
            m(60, 10, "basic.qos", SYNC, "prefetch-size:long prefetch-count:short global:bit");
    public static final MethodSpec BASIC_QOS_OK = m(60, 11, "basic.qos-ok", ASYNC, "");
    public static final MethodSpec BASIC_CONSUME = m(
            60,
            20,
            "basic.consume",
            SYNC,
            "ticket:short queue:shortstr consumer-tag:shortstr no-local:bit no-ack:bit exclusive:bit nowait:bit "
                    + "arguments:table");
    public static final MethodSpec BASIC_CONSUME_OK = m(60, 21, "basic.consume-ok", ASYNC, "consumer-tag:shortstr");
    public static final MethodSpec BASIC_CANCEL = m(60, 30, "basic.cancel", SYNC, "consumer-tag:shortstr nowait:bit");
    public static final MethodSpec BASIC_CANCEL_OK = m(60, 31, "basic.cancel-ok", ASYNC, "consumer-tag:shortstr");
    public static final MethodSpec BASIC_PUBLISH = content(
            60, 40, "basic.publish", "ticket:short exchange:shortstr routing-key:shortstr mandatory:bit immediate:bit");
    public static final MethodSpec BASIC_RETURN = content(
            60, 50, "basic.return", "reply-code:short reply-text:shortstr exchange:shortstr routing-key:shortstr");
    public static final MethodSpec BASIC_DELIVER = content(
            60,
            60,
            "basic.deliver",
            "consumer-tag:shortstr delivery-tag:longlong redelivered:bit exchange:shortstr routing-key:shortstr");
    public static final MethodSpec BASIC_GET = m(60, 70, "basic.get", SYNC, "ticket:short queue:shortstr no-ack:bit");
    public static final MethodSpec BASIC_GET_OK = content(
            60,
            71,
            "basic.get-ok",
            "delivery-tag:longlong redelivered:bit exchange:shortstr routing-key:shortstr message-count:long");
    public static final MethodSpec BASIC_GET_EMPTY = m(60, 72, "basic.get-empty", ASYNC, "cluster-id:shortstr");
    public static final MethodSpec BASIC_ACK = m(60, 80, "basic.ack", ASYNC, "delivery-tag:longlong multiple:bit");
    public static final MethodSpec BASIC_REJECT = m(60, 90, "basic.reject", ASYNC, "delivery-tag:longlong requeue:bit");
    public static final MethodSpec BASIC_RECOVER_ASYNC = m(60, 100, "basic.recover-async", ASYNC, "requeue:bit");
    public static final MethodSpec BASIC_RECOVER = m(60, 110, "basic.recover", SYNC, "requeue:bit");
    public static final MethodSpec BASIC_RECOVER_OK = m(60, 111, "basic.recover-ok", ASYNC, "");
    public static final MethodSpec BASIC_NACK =
            m(60, 120, "basic.nack", ASYNC, "delivery-tag:longlong multiple:bit requeue:bit");

    public static final MethodSpec TX_SELECT = m(90, 10, "tx.select", SYNC, "");
    public static final MethodSpec TX_SELECT_OK = m(90, 11, "tx.select-ok", ASYNC, "");
    public static final MethodSpec TX_COMMIT = m(90, 20, "tx.commit", SYNC, "");
    public static final MethodSpec TX_COMMIT_OK = m(90, 21, "tx.commit-ok", ASYNC, "");
    public static final MethodSpec TX_ROLLBACK = m(90, 30, "tx.rollback", SYNC, "");
    public static final MethodSpec TX_ROLLBACK_OK = m(90, 31, "tx.rollback-ok", ASYNC, "");

    public static final MethodSpec CONFIRM_SELECT = m(85, 10, "confirm.select", SYNC, "nowait:bit");
    public static final MethodSpec CONFIRM_SELECT_OK = m(85, 11, "confirm.select-ok", ASYNC, "");

    private Methods() {}

    private static MethodSpec m(int classId, int methodId, String name, boolean sync, String signature) {
        return register(new MethodSpec(classId, methodId, name, sync, false, signature));
    }

    private static MethodSpec content(int classId, int methodId, String name, String signature) {
        return register(new MethodSpec(classId, methodId, name, false, true, signature));
    }

    private static MethodSpec register(MethodSpec spec) {
        if (BY_KEY.put(spec.key(), spec) != null) {
            throw new IllegalStateException("duplicate method id " + spec);
        }
        ALL.add(spec);
        return spec;
    }

    /** The method with these ids, or null when the table has none. */
    public static MethodSpec lookup(int classId, int methodId) {
        return BY_KEY.get(classId << 16 | methodId);
    }

    /** Every method, in table order. */
    public static List<MethodSpec> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** Dotted method name for these ids, or "class.method" numbers when unknown. */
    public static String nameOf(int classId, int methodId) {
        MethodSpec s = lookup(classId, methodId);
        return s == null ? classId + "." + methodId : s.name();
    }
}
