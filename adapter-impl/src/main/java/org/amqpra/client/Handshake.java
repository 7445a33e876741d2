package org.amqpra.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amqpra.AmqpErrors;
import org.amqpra.AuthenticationFailureException;
import org.amqpra.ConnectionLostException;
import org.amqpra.ProtocolVersionMismatchException;
import org.amqpra.ReplyInfo;
import org.amqpra.UnexpectedFrameException;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.ClientMethods;
import org.amqpra.wire.Frame;
import org.amqpra.wire.FrameEncoder;
import org.amqpra.wire.FrameReader;
import org.amqpra.wire.MethodCodec;
import org.amqpra.wire.MethodSpec;
import org.amqpra.wire.Methods;
import org.amqpra.wire.ProtocolHeader;
import org.amqpra.wire.WireReader;
import org.amqpra.wire.WireWriter;

/**
 * The opening sequence on the caller's thread, before the reader thread exists: protocol header,
 * start/start-ok (SASL), tune/tune-ok, open/open-ok. The socket's read timeout bounds every step.
 */
final class Handshake {
    private final ConnectionParameters params;
    private final FrameReader in;
    private final OutputStream out;
    private Map<String, Object> serverProperties;
    private Negotiation negotiation;

    Handshake(ConnectionParameters params, FrameReader in, OutputStream out) {
        this.params = params;
        this.in = in;
        this.out = out;
    }

    Map<String, Object> serverProperties() {
        return serverProperties;
    }

    Negotiation negotiation() {
        return negotiation;
    }

    /** Runs the handshake; throws a typed exception on refusal. */
    void run() throws IOException {
        out.write(ProtocolHeader.AMQP_0_9_1);
        out.flush();

        AmqpMethod start = expect(Methods.CONNECTION_START, false);
        if (start.num("version-major") != 0 || start.num("version-minor") != 9) {
            throw new ProtocolVersionMismatchException(ReplyInfo.local(
                    0,
                    "server speaks AMQP " + start.num("version-major") + "-" + start.num("version-minor")
                            + ", not 0-9-1"));
        }
        serverProperties = start.table("server-properties");
        SaslMechanism mech = SaslMechanism.named(params.loginMethod());
        String offered = start.str("mechanisms");
        if (!offers(offered, mech) && !params.loginMethodChosen() && offers(offered, SaslMechanism.PLAIN)) {
            // the default (AMQPLAIN: RabbitMQ's and amqpy's) is not offered (Qpid Broker-J):
            // the same credentials go as PLAIN, the mechanisms field's default in 0-9-1
            mech = SaslMechanism.PLAIN;
        }
        if (!offers(offered, mech)) {
            throw new AuthenticationFailureException(ReplyInfo.local(
                    403, "the broker does not offer login method " + mech + " (it offers: " + offered + ")"));
        }
        send(ClientMethods.connectionStartOk(
                clientProperties(), mech.name(), mech.response(params.userid(), params.password()), params.locale()));

        AmqpMethod tune = expect(Methods.CONNECTION_TUNE, true);
        int channelMax = (int) Negotiation.negotiate(params.channelMax(), tune.num("channel-max"));
        long frameMax = Negotiation.negotiate(params.frameMax(), tune.num("frame-max"));
        int heartbeat = (int) Negotiation.negotiate(params.heartbeat().getSeconds(), tune.num("heartbeat"));
        negotiation = new Negotiation(channelMax, frameMax, heartbeat);
        send(ClientMethods.connectionTuneOk(channelMax, frameMax, heartbeat));
        in.setFrameMax(frameMax, params.maxBodySize());

        send(ClientMethods.connectionOpen(params.virtualHost()));
        expect(Methods.CONNECTION_OPEN_OK, false);
    }

    /** Client properties advertising the capabilities we implement, with the user's on top. */
    private Map<String, Object> clientProperties() {
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("publisher_confirms", true);
        caps.put("exchange_exchange_bindings", true);
        caps.put("basic.nack", true);
        caps.put("consumer_cancel_notify", true);
        caps.put("connection.blocked", true);
        caps.put("authentication_failure_close", true);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("product", "amqp-ra");
        p.put("version", Connection.VERSION);
        p.put("platform", "Java " + System.getProperty("java.version"));
        p.put("information", "AMQP 0-9-1 client and Jakarta Connectors resource adapter");
        p.put("capabilities", caps);
        if (params.connectionName() != null) {
            p.put("connection_name", params.connectionName());
        }
        p.putAll(params.clientProperties());
        return p;
    }

    private static boolean offers(String offered, SaslMechanism mech) {
        return (" " + offered + " ").contains(" " + mech.name() + " ");
    }

    private void send(AmqpMethod m) throws IOException {
        WireWriter w = new WireWriter(512);
        FrameEncoder.method(w, 0, m);
        out.write(w.array(), 0, w.position());
        out.flush();
    }

    /**
     * Reads the next method on channel 0, skipping heartbeats. A connection.close from the broker
     * becomes its typed exception; after start-ok, a dropped socket most likely means refused
     * credentials on a broker that does not support authentication_failure_close.
     */
    private AmqpMethod expect(MethodSpec spec, boolean afterAuth) throws IOException {
        while (true) {
            Frame f;
            try {
                f = in.read();
            } catch (EOFException e) {
                throw new ConnectionLostException(
                        ReplyInfo.local(
                                0,
                                "the broker closed the socket during the handshake " + "while we waited for " + spec
                                        + (afterAuth ? " (refused credentials or virtual host?)" : "")),
                        e);
            }
            if (f.type() == Frame.HEARTBEAT) {
                continue;
            }
            if (f.type() != Frame.METHOD || f.channel() != 0) {
                throw new UnexpectedFrameException(ReplyInfo.local(
                        505,
                        "frame type " + f.type() + " on channel " + f.channel() + " during the handshake, expected "
                                + spec));
            }
            AmqpMethod m = MethodCodec.decode(new WireReader(f.payload()));
            if (m.is(spec)) {
                return m;
            }
            if (m.is(Methods.CONNECTION_CLOSE)) {
                try {
                    send(ClientMethods.connectionCloseOk());
                } catch (IOException ignored) {
                    // the broker closes the socket anyway
                }
                int classId = (int) m.num("class-id");
                int methodId = (int) m.num("method-id");
                throw AmqpErrors.forConnectionClose(new ReplyInfo(
                        (int) m.num("reply-code"),
                        m.str("reply-text"),
                        classId,
                        methodId,
                        Methods.nameOf(classId, methodId),
                        0));
            }
            if (m.is(Methods.CONNECTION_SECURE)) {
                throw new AuthenticationFailureException(ReplyInfo.local(
                        403, "the broker sent a SASL challenge, " + "which PLAIN, AMQPLAIN and EXTERNAL do not use"));
            }
            throw new UnexpectedFrameException(
                    ReplyInfo.local(505, m.spec() + " during the handshake, expected " + spec));
        }
    }
}
