package org.amqpra.client;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.amqpra.ConsumerCancelledException;
import org.amqpra.Envelope;
import org.amqpra.Message;
import org.amqpra.ReplyInfo;
import org.amqpra.ReturnedMessage;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.ClientMethods;
import org.amqpra.wire.Command;
import org.amqpra.wire.CommandAssembler;
import org.amqpra.wire.FrameView;
import org.amqpra.wire.MethodSpec;
import org.amqpra.wire.Methods;

/**
 * What the connection's reader thread does for one channel: assembles its frames into
 * commands and routes them. Deliveries go to their consumer's listener, and consumer
 * callbacks (cancel notices) to the channel's dispatcher lane, never run here; returns to the
 * returned-message queue and the confirm tracker; acks and nacks of publishes to the confirm
 * tracker; replies to the waiting call; channel.close and basic.cancel from the broker are
 * answered here.
 */
final class ChannelReader {
    private static final System.Logger LOG = System.getLogger(ChannelReader.class.getName());
    /** basic.deliver's arguments, resolved by name once: a delivery is the consume path's hot frame. */
    private static final int DELIVER_CONSUMER_TAG = Methods.BASIC_DELIVER.indexOf("consumer-tag");

    private static final int DELIVER_DELIVERY_TAG = Methods.BASIC_DELIVER.indexOf("delivery-tag");
    private static final int DELIVER_REDELIVERED = Methods.BASIC_DELIVER.indexOf("redelivered");
    private static final int DELIVER_EXCHANGE = Methods.BASIC_DELIVER.indexOf("exchange");
    private static final int DELIVER_ROUTING_KEY = Methods.BASIC_DELIVER.indexOf("routing-key");

    private final ChannelImpl channel;
    private final ChannelCore core;
    private final Dispatcher.Lane lane;
    private final BlockingQueue<ReturnedMessage> returned;
    private CommandAssembler assembler;

    ChannelReader(
            ChannelImpl channel, ChannelCore core, Dispatcher.Lane lane, BlockingQueue<ReturnedMessage> returned) {
        this.channel = channel;
        this.core = core;
        this.lane = lane;
        this.returned = returned;
        this.assembler = newAssembler();
    }

    private CommandAssembler newAssembler() {
        return new CommandAssembler(core.conn.parameters().maxBodySize());
    }

    /** Handles one frame for this channel. Protocol violations propagate (they close the connection). */
    void handleFrame(FrameView f) {
        Command c = assembler.handle(f);
        if (c != null) {
            handleCommand(c);
        }
    }

    private void handleCommand(Command c) {
        AmqpMethod m = c.method();
        MethodSpec spec = m.spec();
        if (spec == Methods.CHANNEL_CLOSE) {
            handleBrokerClose(m);
            return;
        }
        if (spec == Methods.CHANNEL_CLOSE_OK) {
            core.closeOkReceived();
            return;
        }
        ChannelCore.State state = core.state();
        if (state == ChannelCore.State.CLOSING || state == ChannelCore.State.CLOSED) {
            return; // after close: drop everything but close and close-ok (0-9-1 §4.2.3)
        }
        if (spec == Methods.BASIC_DELIVER) {
            deliver(c);
        } else if (spec == Methods.BASIC_RETURN) {
            handleReturn(c);
        } else if (spec == Methods.BASIC_ACK) {
            ConfirmTracker t = core.confirms();
            if (t != null) {
                t.ack(m.num("delivery-tag"), m.bit("multiple"));
            }
        } else if (spec == Methods.BASIC_NACK) {
            ConfirmTracker t = core.confirms();
            if (t != null) {
                t.nack(m.num("delivery-tag"), m.bit("multiple"));
            }
        } else if (spec == Methods.BASIC_CANCEL) {
            handleBrokerCancel(m);
        } else if (spec == Methods.CHANNEL_FLOW) {
            boolean active = m.bit("active");
            core.setActive(active);
            core.reply(ClientMethods.channelFlowOk(active), null);
        } else if (!core.completeCall(c)) {
            LOG.log(System.Logger.Level.WARNING, "channel {0}: ignoring unexpected {1}", core.id, spec);
        }
    }

    private void handleBrokerClose(AmqpMethod m) {
        int classId = (int) m.num("class-id");
        int methodId = (int) m.num("method-id");
        ReplyInfo info = new ReplyInfo(
                (int) m.num("reply-code"),
                m.str("reply-text"),
                classId,
                methodId,
                Methods.nameOf(classId, methodId),
                core.id);
        Map<String, ChannelConsumers.Entry> forgotten = core.closedByBroker(info);
        if (forgotten == null) {
            return; // our own close crossed the broker's: nothing more to do
        }
        assembler = newAssembler();
        // The broker forgot this channel's consumers; tell those who asked to be told.
        for (Map.Entry<String, ChannelConsumers.Entry> e : forgotten.entrySet()) {
            Consumer<String> onCancel = e.getValue().onCancel();
            if (onCancel != null) {
                String tag = e.getKey();
                core.conn.dispatcher().dispatch(lane, () -> onCancel.accept(tag));
            }
        }
    }

    /** basic.cancel from the broker (RabbitMQ's consumer cancel notification: the queue went away). */
    private void handleBrokerCancel(AmqpMethod m) {
        String tag = m.str("consumer-tag");
        ChannelConsumers.Entry e = core.consumers.remove(tag);
        if (!m.bit("nowait")) {
            core.reply(ClientMethods.basicCancelOk(tag), null);
        }
        if (e == null) {
            return;
        }
        if (e.onCancel() != null) {
            core.conn.dispatcher().dispatch(lane, () -> e.onCancel().accept(tag));
        } else {
            core.conn.dispatcher().dispatch(lane, () -> {
                throw new ConsumerCancelledException(new ReplyInfo(
                        0,
                        "the broker cancelled consumer " + tag + " (queue deleted?)",
                        Methods.BASIC_CANCEL.classId(),
                        Methods.BASIC_CANCEL.methodId(),
                        Methods.BASIC_CANCEL.name(),
                        core.id));
            });
        }
    }

    private void deliver(Command c) {
        AmqpMethod m = c.method();
        String tag = (String) m.arg(DELIVER_CONSUMER_TAG);
        ChannelConsumers.Entry e = core.consumers.get(tag);
        if (e == null) {
            // Cannot happen while consumers are registered before consume-ok is processed; if it
            // does, the message stays unacked and the broker requeues it when the channel closes.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "channel {0}: delivery for unknown consumer {1} left unacked",
                    core.id,
                    tag);
            return;
        }
        Envelope env = new Envelope(
                (Long) m.arg(DELIVER_DELIVERY_TAG),
                (Boolean) m.arg(DELIVER_REDELIVERED),
                (String) m.arg(DELIVER_EXCHANGE),
                (String) m.arg(DELIVER_ROUTING_KEY),
                tag,
                -1);
        Message msg = Message.received(
                c.body(),
                c.header().properties(),
                env,
                e.noAck() ? null : new ChannelAcknowledger(channel, core, core.generation()));
        core.conn.dispatcher().dispatch(lane, () -> e.listener().onMessage(msg));
    }

    private void handleReturn(Command c) {
        AmqpMethod m = c.method();
        Envelope env = new Envelope(0, false, m.str("exchange"), m.str("routing-key"), null, -1);
        ReturnedMessage r = new ReturnedMessage(
                (int) m.num("reply-code"),
                m.str("reply-text"),
                m.str("exchange"),
                m.str("routing-key"),
                Message.received(c.body(), c.header().properties(), env, null));
        ConfirmTracker t = core.confirms();
        if (t != null) {
            t.returned(r);
        }
        if (!returned.offer(r)) {
            returned.poll();
            returned.offer(r);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "channel {0}: returned-message queue full, dropped the oldest",
                    core.id);
        }
    }
}
