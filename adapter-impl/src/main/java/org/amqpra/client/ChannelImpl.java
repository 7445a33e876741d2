package org.amqpra.client;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.amqpra.AmqpErrors;
import org.amqpra.AmqpException;
import org.amqpra.AmqpMessageListener;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.Channel;
import org.amqpra.ChannelClosedException;
import org.amqpra.ChannelException;
import org.amqpra.ChannelMode;
import org.amqpra.ConsumerCancelledException;
import org.amqpra.Envelope;
import org.amqpra.Message;
import org.amqpra.MessageAcknowledger;
import org.amqpra.QueueDeclareOk;
import org.amqpra.ReplyInfo;
import org.amqpra.ReturnedMessage;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.Command;
import org.amqpra.wire.CommandAssembler;
import org.amqpra.wire.FrameView;
import org.amqpra.wire.MethodSpec;
import org.amqpra.wire.Methods;

/**
 * A channel of a {@link Connection}. Application threads call the {@link Channel} methods; the
 * connection's reader thread calls {@link #handleFrame}. See {@link Channel} for the semantics.
 */
final class ChannelImpl implements Channel {
    private static final System.Logger LOG = System.getLogger(ChannelImpl.class.getName());
    private static final int RETURNED_CAPACITY = 100_000;

    private enum State { OPEN, CLOSING, BROKER_CLOSED, CLOSED }

    private final Connection conn;
    private final int id;
    private final Duration rpcTimeout;
    private final RpcQueue rpc = new RpcQueue();
    private final ReentrantLock rpcLock = new ReentrantLock();
    private final Map<String, ConsumerEntry> consumers = new ConcurrentHashMap<>();
    private final BlockingQueue<ReturnedMessage> returned = new LinkedBlockingQueue<>(RETURNED_CAPACITY);
    private final Dispatcher.Lane lane;
    private final CompletableFuture<Void> closeOk = new CompletableFuture<>();
    private CommandAssembler assembler; // reader thread only
    private volatile State state = State.OPEN;
    private volatile ChannelMode mode = ChannelMode.NONE;
    private volatile ConfirmTracker confirms;
    private volatile boolean active = true;
    private volatile int generation;
    private volatile AmqpException closeCause;
    private volatile boolean causeReported;

    private record ConsumerEntry(AmqpMessageListener listener, Consumer<String> onCancel, boolean noAck) {
    }

    ChannelImpl(Connection conn, int id) {
        this.conn = conn;
        this.id = id;
        this.rpcTimeout = conn.parameters().rpcTimeout();
        this.lane = conn.dispatcher().lane();
        this.assembler = new CommandAssembler(conn.parameters().maxBodySize());
    }

    /** Sends channel.open and waits for open-ok (also used to re-open after a channel error). */
    void open() {
        rpcCall(new AmqpMethod(Methods.CHANNEL_OPEN, ""), null, Methods.CHANNEL_OPEN_OK);
    }

    // ---- identity and state -------------------------------------------------------------

    @Override
    public int channelId() {
        return id;
    }

    @Override
    public boolean isOpen() {
        State s = state;
        return conn.isConnected() && (s == State.OPEN || s == State.BROKER_CLOSED && mode == ChannelMode.NONE);
    }

    @Override
    public ChannelMode mode() {
        return mode;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    /** The error that closed this channel, or null. */
    AmqpException closeCause() {
        return closeCause;
    }

    // ---- exchange -----------------------------------------------------------------------

    @Override
    public void exchangeDeclare(String exchange, String type) {
        exchangeDeclare(exchange, type, false, false, true, false, null);
    }

    @Override
    public void exchangeDeclare(String exchange, String type, boolean passive, boolean durable, boolean autoDelete,
                                boolean nowait, Map<String, Object> arguments) {
        call(new AmqpMethod(Methods.EXCHANGE_DECLARE, 0, exchange, type, passive, durable, autoDelete, false, nowait,
                arguments), nowait, Methods.EXCHANGE_DECLARE_OK);
    }

    @Override
    public void exchangeDelete(String exchange) {
        exchangeDelete(exchange, false, false);
    }

    @Override
    public void exchangeDelete(String exchange, boolean ifUnused, boolean nowait) {
        call(new AmqpMethod(Methods.EXCHANGE_DELETE, 0, exchange, ifUnused, nowait), nowait, Methods.EXCHANGE_DELETE_OK);
    }

    @Override
    public void exchangeBind(String destination, String source, String routingKey) {
        exchangeBind(destination, source, routingKey, false, null);
    }

    @Override
    public void exchangeBind(String destination, String source, String routingKey, boolean nowait,
                             Map<String, Object> arguments) {
        call(new AmqpMethod(Methods.EXCHANGE_BIND, 0, destination, source, routingKey, nowait, arguments), nowait,
                Methods.EXCHANGE_BIND_OK);
    }

    @Override
    public void exchangeUnbind(String destination, String source, String routingKey) {
        exchangeUnbind(destination, source, routingKey, false, null);
    }

    @Override
    public void exchangeUnbind(String destination, String source, String routingKey, boolean nowait,
                               Map<String, Object> arguments) {
        call(new AmqpMethod(Methods.EXCHANGE_UNBIND, 0, destination, source, routingKey, nowait, arguments), nowait,
                Methods.EXCHANGE_UNBIND_OK);
    }

    // ---- queue --------------------------------------------------------------------------

    @Override
    public QueueDeclareOk queueDeclare() {
        return queueDeclare("", false, false, true, true, false, null);
    }

    @Override
    public QueueDeclareOk queueDeclare(String queue) {
        return queueDeclare(queue, false, false, false, true, false, null);
    }

    @Override
    public QueueDeclareOk queueDeclare(String queue, boolean passive, boolean durable, boolean exclusive,
                                       boolean autoDelete, boolean nowait, Map<String, Object> arguments) {
        Command c = call(new AmqpMethod(Methods.QUEUE_DECLARE, 0, queue, passive, durable, exclusive, autoDelete,
                nowait, arguments), nowait, Methods.QUEUE_DECLARE_OK);
        if (c == null) {
            return null;
        }
        AmqpMethod m = c.method();
        return new QueueDeclareOk(m.str("queue"), m.num("message-count"), m.num("consumer-count"));
    }

    @Override
    public void queueBind(String queue, String exchange, String routingKey) {
        queueBind(queue, exchange, routingKey, false, null);
    }

    @Override
    public void queueBind(String queue, String exchange, String routingKey, boolean nowait,
                          Map<String, Object> arguments) {
        call(new AmqpMethod(Methods.QUEUE_BIND, 0, queue, exchange, routingKey, nowait, arguments), nowait,
                Methods.QUEUE_BIND_OK);
    }

    @Override
    public void queueUnbind(String queue, String exchange, String routingKey) {
        queueUnbind(queue, exchange, routingKey, null);
    }

    @Override
    public void queueUnbind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
        call(new AmqpMethod(Methods.QUEUE_UNBIND, 0, queue, exchange, routingKey, arguments), false,
                Methods.QUEUE_UNBIND_OK);
    }

    @Override
    public long queuePurge(String queue) {
        return queuePurge(queue, false);
    }

    @Override
    public long queuePurge(String queue, boolean nowait) {
        Command c = call(new AmqpMethod(Methods.QUEUE_PURGE, 0, queue, nowait), nowait, Methods.QUEUE_PURGE_OK);
        return c == null ? -1 : c.method().num("message-count");
    }

    @Override
    public long queueDelete(String queue) {
        return queueDelete(queue, false, false, false);
    }

    @Override
    public long queueDelete(String queue, boolean ifUnused, boolean ifEmpty, boolean nowait) {
        Command c = call(new AmqpMethod(Methods.QUEUE_DELETE, 0, queue, ifUnused, ifEmpty, nowait), nowait,
                Methods.QUEUE_DELETE_OK);
        return c == null ? -1 : c.method().num("message-count");
    }

    // ---- basic: publish -----------------------------------------------------------------

    @Override
    public void basicPublish(Message message, String exchange, String routingKey) {
        basicPublish(message, exchange, routingKey, false, false);
    }

    @Override
    public void basicPublish(Message message, String exchange, String routingKey, boolean mandatory,
                             boolean immediate) {
        if (immediate) {
            throw new UnsupportedOperationException("immediate=true is not supported by RabbitMQ since 3.0 "
                    + "(it would close the connection with 540 NOT_IMPLEMENTED); use a TTL of 0 instead");
        }
        if (mode == ChannelMode.CONFIRM) {
            CompletableFuture<Void> f = basicPublishAsync(message, exchange, routingKey, mandatory);
            awaitConfirm(f);
            return;
        }
        // The write(Write) loop written out: a lambda capturing the arguments would be one
        // allocation per publish.
        for (int attempt = 0; ; attempt++) {
            ensureUsable();
            try {
                conn.awaitUnblocked();
                conn.output().sendPublish(id, exchange, routingKey, mandatory, false, message.properties(),
                        message.body(), writeGuard, null);
                return;
            } catch (IOException e) {
                throw conn.lost(e);
            } catch (NotWritable e) {
                retryOnce(e, attempt);
            }
        }
    }

    @Override
    public CompletableFuture<Void> basicPublishAsync(Message message, String exchange, String routingKey,
                                                     boolean mandatory) {
        ensureUsable();
        ConfirmTracker tracker = confirms;
        if (mode != ChannelMode.CONFIRM || tracker == null) {
            throw new IllegalStateException("basicPublishAsync needs confirm mode: call confirmSelect() first");
        }
        conn.awaitUnblocked();
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            conn.output().sendPublish(id, exchange, routingKey, mandatory, false, message.properties(),
                    message.body(), writeGuard, () -> tracker.next(f, exchange, routingKey, mandatory));
        } catch (IOException e) {
            throw conn.lost(e);
        } catch (NotWritable e) {
            // a confirm channel is never re-opened: report why it closed
            ensureUsable();
            throw e.asChannelClosed(id);
        }
        return f;
    }

    private void awaitConfirm(CompletableFuture<Void> f) {
        try {
            f.get(rpcTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AmqpTimeoutException(new ReplyInfo(0, "publish not confirmed within " + rpcTimeout.toMillis()
                    + " ms", 60, 40, "basic.publish", id));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted waiting for a publisher confirm"));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AmqpException) {
                markReported((AmqpException) e.getCause());
            }
            throw RpcQueue.rethrow(e.getCause());
        }
    }

    /** The channel's close error reached a caller: later calls need not repeat it. */
    private void markReported(AmqpException e) {
        if (e == closeCause) {
            causeReported = true;
        }
    }

    @Override
    public boolean waitForConfirms(Duration timeout) {
        ConfirmTracker tracker = confirms;
        if (tracker == null) {
            throw new IllegalStateException("waitForConfirms needs confirm mode: call confirmSelect() first");
        }
        return tracker.waitForAll(timeout);
    }

    @Override
    public void awaitConfirmWindow(int window, Duration timeout) {
        if (window < 1) {
            throw new IllegalArgumentException("confirm window must be at least 1, was " + window);
        }
        ConfirmTracker tracker = confirms;
        if (tracker == null) {
            throw new IllegalStateException("awaitConfirmWindow needs confirm mode: call confirmSelect() first");
        }
        tracker.awaitBelow(window, timeout);
    }

    /** Publishes in confirm mode neither acked nor nacked yet (0 outside confirm mode). */
    int unconfirmedCount() {
        ConfirmTracker t = confirms;
        return t == null ? 0 : t.unsettled();
    }

    /** Sequence number of the next confirmed publish (0 outside confirm mode). */
    long nextPublishSeqNo() {
        ConfirmTracker t = confirms;
        return t == null ? 0 : t.nextSequenceNumber();
    }

    // ---- basic: get, consume ------------------------------------------------------------

    @Override
    public Message basicGet(String queue) {
        return basicGet(queue, false);
    }

    @Override
    public Message basicGet(String queue, boolean noAck) {
        Command c = call(new AmqpMethod(Methods.BASIC_GET, 0, queue, noAck), false, Methods.BASIC_GET_OK,
                Methods.BASIC_GET_EMPTY);
        if (c.method().is(Methods.BASIC_GET_EMPTY)) {
            return null;
        }
        AmqpMethod m = c.method();
        Envelope env = new Envelope(m.num("delivery-tag"), m.bit("redelivered"), m.str("exchange"),
                m.str("routing-key"), null, m.num("message-count"));
        return Message.received(c.body(), c.header().properties(), env, noAck ? null : new Acknowledger(generation));
    }

    @Override
    public String basicConsume(String queue, AmqpMessageListener listener) {
        return basicConsume(queue, "", false, false, false, false, listener, null, null);
    }

    @Override
    public String basicConsume(String queue, String consumerTag, boolean noLocal, boolean noAck, boolean exclusive,
                               boolean nowait, AmqpMessageListener listener, Map<String, Object> arguments,
                               Consumer<String> onCancel) {
        if (listener == null) {
            throw new IllegalArgumentException("a consumer needs a listener");
        }
        ConsumerEntry entry = new ConsumerEntry(listener, onCancel, noAck);
        String tag = consumerTag == null ? "" : consumerTag;
        if (nowait) {
            // Without consume-ok the broker cannot tell us a generated tag: make one.
            if (tag.isEmpty()) {
                tag = "amqp-ra-" + UUID.randomUUID();
            }
            consumers.put(tag, entry);
            send(new AmqpMethod(Methods.BASIC_CONSUME, 0, queue, tag, noLocal, noAck, exclusive, true, arguments));
            return tag;
        }
        // Registered on the reader thread when consume-ok arrives, before the first delivery.
        Command c = rpcCall(new AmqpMethod(Methods.BASIC_CONSUME, 0, queue, tag, noLocal, noAck, exclusive, false,
                arguments), ok -> consumers.put(ok.method().str("consumer-tag"), entry), Methods.BASIC_CONSUME_OK);
        return c.method().str("consumer-tag");
    }

    @Override
    public void basicCancel(String consumerTag) {
        basicCancel(consumerTag, false);
    }

    @Override
    public void basicCancel(String consumerTag, boolean nowait) {
        if (nowait) {
            // Deliveries sent before the broker saw the cancel still reach the listener.
            send(new AmqpMethod(Methods.BASIC_CANCEL, consumerTag, true));
            return;
        }
        rpcCall(new AmqpMethod(Methods.BASIC_CANCEL, consumerTag, false), ok -> consumers.remove(consumerTag),
                Methods.BASIC_CANCEL_OK);
    }

    // ---- basic: settle ------------------------------------------------------------------

    @Override
    public void basicAck(long deliveryTag) {
        basicAck(deliveryTag, false);
    }

    @Override
    public void basicAck(long deliveryTag, boolean multiple) {
        for (int attempt = 0; ; attempt++) { // written out as in basicPublish: no allocation per ack
            ensureUsable();
            try {
                conn.output().sendAck(id, deliveryTag, multiple, writeGuard);
                return;
            } catch (IOException e) {
                throw conn.lost(e);
            } catch (NotWritable e) {
                retryOnce(e, attempt);
            }
        }
    }

    @Override
    public void basicNack(long deliveryTag, boolean multiple, boolean requeue) {
        send(new AmqpMethod(Methods.BASIC_NACK, deliveryTag, multiple, requeue));
    }

    @Override
    public void basicReject(long deliveryTag, boolean requeue) {
        send(new AmqpMethod(Methods.BASIC_REJECT, deliveryTag, requeue));
    }

    @Override
    public void basicQos(int prefetchSize, int prefetchCount, boolean global) {
        call(new AmqpMethod(Methods.BASIC_QOS, (long) prefetchSize, prefetchCount, global), false,
                Methods.BASIC_QOS_OK);
    }

    @Override
    public void basicRecover(boolean requeue) {
        call(new AmqpMethod(Methods.BASIC_RECOVER, requeue), false, Methods.BASIC_RECOVER_OK);
    }

    @Override
    public void basicRecoverAsync(boolean requeue) {
        send(new AmqpMethod(Methods.BASIC_RECOVER_ASYNC, requeue));
    }

    @Override
    public BlockingQueue<ReturnedMessage> returnedMessages() {
        return returned;
    }

    // ---- tx, confirm, flow --------------------------------------------------------------

    @Override
    public void txSelect() {
        call(new AmqpMethod(Methods.TX_SELECT), false, Methods.TX_SELECT_OK);
        mode = ChannelMode.TX;
    }

    @Override
    public void txCommit() {
        call(new AmqpMethod(Methods.TX_COMMIT), false, Methods.TX_COMMIT_OK);
    }

    @Override
    public void txRollback() {
        call(new AmqpMethod(Methods.TX_ROLLBACK), false, Methods.TX_ROLLBACK_OK);
    }

    @Override
    public void confirmSelect() {
        confirmSelect(false);
    }

    @Override
    public void confirmSelect(boolean nowait) {
        if (mode == ChannelMode.CONFIRM) {
            return;
        }
        ConfirmTracker tracker = new ConfirmTracker(id);
        if (nowait) {
            confirms = tracker;
            mode = ChannelMode.CONFIRM;
            send(new AmqpMethod(Methods.CONFIRM_SELECT, true));
            return;
        }
        rpcCall(new AmqpMethod(Methods.CONFIRM_SELECT, false), ok -> {
            confirms = tracker;
            mode = ChannelMode.CONFIRM;
        }, Methods.CONFIRM_SELECT_OK);
    }

    @Override
    public void flow(boolean active) {
        if (!active) {
            throw new UnsupportedOperationException("channel.flow(active=false) from a client is refused by RabbitMQ "
                    + "since 3.3 with a connection error; use basicQos or cancel consumers instead");
        }
        call(new AmqpMethod(Methods.CHANNEL_FLOW, true), false, Methods.CHANNEL_FLOW_OK);
    }

    // ---- close --------------------------------------------------------------------------

    @Override
    public void close() {
        close(200, "OK", 0, 0);
    }

    @Override
    public void close(int replyCode, String replyText, int classId, int methodId) {
        State s = state;
        if (s == State.CLOSED || s == State.CLOSING) {
            return;
        }
        if (s == State.BROKER_CLOSED || !conn.isConnected()) {
            markClosed(new ChannelClosedException(ReplyInfo.local(0, "channel " + id + " was closed by the application")));
            return;
        }
        lockRpc("channel.close");
        try {
            try {
                conn.output().sendMethod(id, new AmqpMethod(Methods.CHANNEL_CLOSE, replyCode, replyText, classId,
                        methodId), () -> {
                            if (state != State.OPEN) {
                                throw new NotWritable();
                            }
                            state = State.CLOSING;
                        });
                closeOk.get(rpcTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (NotWritable brokerClosedFirst) {
                // the broker closed the channel meanwhile and we answered close-ok: nothing to wait for
            } catch (IOException e) {
                throw conn.lost(e);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "no channel.close-ok on channel {0} within {1} ms", id,
                        rpcTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // closeOk never completes exceptionally
            }
        } finally {
            markClosed(new ChannelClosedException(ReplyInfo.local(0, "channel " + id + " was closed by the application")));
            rpcLock.unlock();
        }
    }

    private void markClosed(AmqpException cause) {
        state = State.CLOSED;
        if (closeCause == null) {
            closeCause = cause;
        }
        failEverything(cause);
        conn.releaseChannel(this);
    }

    /** The connection closed or broke: every pending call fails with its cause. */
    void connectionClosed(AmqpException cause) {
        state = State.CLOSED;
        closeCause = cause;
        failEverything(cause);
        closeOk.complete(null);
    }

    private void failEverything(AmqpException cause) {
        rpc.failAll(cause);
        ConfirmTracker t = confirms;
        if (t != null) {
            t.failAll(cause);
        }
    }

    // ---- calls --------------------------------------------------------------------------

    private Command call(AmqpMethod m, boolean nowait, MethodSpec... replies) {
        if (nowait) {
            send(m);
            return null;
        }
        return rpcCall(m, null, replies);
    }

    private Command rpcCall(AmqpMethod m, Consumer<Command> onReaderThread, MethodSpec... replies) {
        boolean opening = m.is(Methods.CHANNEL_OPEN);
        for (int attempt = 0; ; attempt++) {
            if (!opening) {
                ensureUsable();
            }
            lockRpc(m.spec().name());
            try {
                RpcQueue.Pending p = rpc.register(onReaderThread, replies);
                try {
                    conn.output().sendMethod(id, m, opening ? null : writeGuard);
                } catch (IOException e) {
                    rpc.unregister(p);
                    throw conn.lost(e);
                } catch (NotWritable e) {
                    rpc.unregister(p);
                    if (attempt > 0) {
                        throw e.asChannelClosed(id);
                    }
                    continue; // closed by the broker meanwhile: ensureUsable reports or re-opens
                } catch (RuntimeException e) {
                    rpc.unregister(p);
                    throw e;
                }
                try {
                    return RpcQueue.await(p, rpcTimeout, m.spec().name(), id);
                } catch (AmqpException e) {
                    markReported(e);
                    throw e;
                }
            } finally {
                rpcLock.unlock();
            }
        }
    }

    private void send(AmqpMethod m) {
        write(() -> conn.output().sendMethod(id, m, writeGuard));
    }

    /** A write of ours to the connection's output. */
    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    /**
     * Runs a fire-and-forget write after checking the channel; if the broker closed the channel
     * between that check and the write (the guard refused it), checks again, which reports the
     * broker's error or re-opens the channel.
     */
    private void write(Write w) {
        for (int attempt = 0; ; attempt++) {
            ensureUsable();
            try {
                w.run();
                return;
            } catch (IOException e) {
                throw conn.lost(e);
            } catch (NotWritable e) {
                retryOnce(e, attempt);
            }
        }
    }

    /** After the guard refused a write: the first time, check the channel again; then give up. */
    private void retryOnce(NotWritable e, int attempt) {
        if (attempt > 0) {
            throw e.asChannelClosed(id);
        }
    }

    /**
     * Runs under the connection's write lock before a method of ours is written: nothing but
     * close and close-ok may follow a close or close-ok on the wire, and the reader flips the
     * state under the same lock before it writes close-ok.
     */
    private final Runnable writeGuard = () -> {
        if (state != State.OPEN) {
            throw new NotWritable();
        }
    };

    /** Internal: the channel stopped being writable between the check and the write. */
    private static final class NotWritable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotWritable() {
            super(null, null, false, false);
        }

        ChannelClosedException asChannelClosed(int channel) {
            return new ChannelClosedException(new ReplyInfo(0, "channel " + channel + " closed while writing", 0, 0,
                    "", channel));
        }
    }

    private void lockRpc(String what) {
        try {
            if (!rpcLock.tryLock(rpcTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AmqpTimeoutException(new ReplyInfo(0, "channel busy with another call for "
                        + rpcTimeout.toMillis() + " ms", 0, 0, what, id));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted waiting for channel " + id));
        }
    }

    /**
     * Checks that the channel can be used, re-opening it after a channel error (amqpy). The first
     * use after an error that no caller saw (the broker closed the channel because of an earlier
     * asynchronous method, such as a publish to a missing exchange) throws that error once. A
     * channel in tx or confirm mode is never re-opened: its transaction or confirm stream is lost,
     * and continuing on a fresh channel would silently break the caller's guarantees.
     */
    private void ensureUsable() {
        conn.ensureOpen();
        State s = state;
        if (s == State.OPEN) {
            return;
        }
        if (s == State.BROKER_CLOSED) {
            if (!causeReported) {
                causeReported = true;
                throw closeCause;
            }
            if (mode != ChannelMode.NONE) {
                throw new ChannelClosedException(new ReplyInfo(0, "channel " + id + " in " + mode
                        + " mode was closed by the broker (" + closeCause.info() + "); its "
                        + (mode == ChannelMode.TX ? "transaction is lost" : "unconfirmed publishes failed")
                        + ": open a new channel", 0, 0, "", id), closeCause);
            }
            reopen();
            return;
        }
        throw new ChannelClosedException(new ReplyInfo(0, "channel " + id + " is closed", 0, 0, "", id), closeCause);
    }

    private synchronized void reopen() {
        if (state != State.BROKER_CLOSED) {
            return;
        }
        open();
        generation++;
        active = true;
        state = State.OPEN;
        LOG.log(System.Logger.Level.DEBUG, "channel {0} re-opened after {1}", id, closeCause.info());
    }

    // ---- reader thread ------------------------------------------------------------------

    /** Handles one frame for this channel (reader thread). Protocol violations propagate. */
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
            closeOk.complete(null);
            return;
        }
        if (state == State.CLOSING || state == State.CLOSED) {
            return; // after close: drop everything but close and close-ok
        }
        if (spec == Methods.BASIC_DELIVER) {
            deliver(c);
        } else if (spec == Methods.BASIC_RETURN) {
            handleReturn(c);
        } else if (spec == Methods.BASIC_ACK) {
            ConfirmTracker t = confirms;
            if (t != null) {
                t.ack(m.num("delivery-tag"), m.bit("multiple"));
            }
        } else if (spec == Methods.BASIC_NACK) {
            ConfirmTracker t = confirms;
            if (t != null) {
                t.nack(m.num("delivery-tag"), m.bit("multiple"));
            }
        } else if (spec == Methods.BASIC_CANCEL) {
            handleBrokerCancel(m);
        } else if (spec == Methods.CHANNEL_FLOW) {
            active = m.bit("active");
            replyFromReader(new AmqpMethod(Methods.CHANNEL_FLOW_OK, active));
        } else if (!rpc.complete(c)) {
            LOG.log(System.Logger.Level.WARNING, "channel {0}: ignoring unexpected {1}", id, spec);
        }
    }

    private void handleBrokerClose(AmqpMethod m) {
        int classId = (int) m.num("class-id");
        int methodId = (int) m.num("method-id");
        ReplyInfo info = new ReplyInfo((int) m.num("reply-code"), m.str("reply-text"), classId, methodId,
                Methods.nameOf(classId, methodId), id);
        if (state == State.CLOSING) {
            replyFromReader(new AmqpMethod(Methods.CHANNEL_CLOSE_OK), null);
            closeOk.complete(null); // both sides closed at once: our close is done
            return;
        }
        ChannelException ex = AmqpErrors.forChannelClose(info);
        ConfirmTracker t = confirms;
        // The state flips under the write lock, just before close-ok is written: no method of
        // ours can follow close-ok on the wire.
        closeCause = ex;
        causeReported = false; // set by whichever thread hands the error to a caller first
        Map<String, ConsumerEntry> forgotten = new LinkedHashMap<>();
        replyFromReader(new AmqpMethod(Methods.CHANNEL_CLOSE_OK), () -> markBrokerClosed(ex, forgotten));
        if (state != State.BROKER_CLOSED) {
            markBrokerClosed(ex, forgotten); // the close-ok could not be written
        }
        assembler = new CommandAssembler(conn.parameters().maxBodySize());

        if (t != null) {
            t.failAll(ex);
        }
        // The broker forgot this channel's consumers; tell those who asked to be told.
        for (Map.Entry<String, ConsumerEntry> e : forgotten.entrySet()) {
            Consumer<String> onCancel = e.getValue().onCancel();
            if (onCancel != null) {
                String tag = e.getKey();
                conn.dispatcher().dispatch(lane, () -> onCancel.accept(tag));
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "channel {0} closed by broker: {1}", id, info);
    }

    /**
     * Fails the calls waiting for replies and forgets the consumers (moved to {@code forgotten}),
     * then marks the channel closed by the broker, in that order: a caller that sees the closed
     * state may re-open the channel at once, and its channel.open and new consumers must not be
     * failed or forgotten by this close.
     */
    private void markBrokerClosed(ChannelException ex, Map<String, ConsumerEntry> forgotten) {
        rpc.failAll(ex);
        forgotten.putAll(consumers);
        consumers.clear();
        state = State.BROKER_CLOSED;
    }

    private void handleBrokerCancel(AmqpMethod m) {
        String tag = m.str("consumer-tag");
        ConsumerEntry e = consumers.remove(tag);
        if (!m.bit("nowait")) {
            replyFromReader(new AmqpMethod(Methods.BASIC_CANCEL_OK, tag));
        }
        if (e == null) {
            return;
        }
        if (e.onCancel() != null) {
            conn.dispatcher().dispatch(lane, () -> e.onCancel().accept(tag));
        } else {
            conn.dispatcher().dispatch(lane, () -> {
                throw new ConsumerCancelledException(new ReplyInfo(0, "the broker cancelled consumer " + tag
                        + " (queue deleted?)", 60, 30, "basic.cancel", id));
            });
        }
    }

    private void deliver(Command c) {
        // basic.deliver arguments by position: consumer-tag, delivery-tag, redelivered, exchange, routing-key
        AmqpMethod m = c.method();
        String tag = (String) m.arg(0);
        ConsumerEntry e = consumers.get(tag);
        if (e == null) {
            // Cannot happen while consumers are registered before consume-ok is processed; if it
            // does, the message stays unacked and the broker requeues it when the channel closes.
            LOG.log(System.Logger.Level.WARNING, "channel {0}: delivery for unknown consumer {1} left unacked", id, tag);
            return;
        }
        Envelope env = new Envelope((Long) m.arg(1), (Boolean) m.arg(2), (String) m.arg(3), (String) m.arg(4), tag, -1);
        Message msg = Message.received(c.body(), c.header().properties(), env,
                e.noAck() ? null : new Acknowledger(generation));
        conn.dispatcher().dispatch(lane, () -> e.listener().onMessage(msg));
    }

    private void handleReturn(Command c) {
        AmqpMethod m = c.method();
        Envelope env = new Envelope(0, false, m.str("exchange"), m.str("routing-key"), null, -1);
        ReturnedMessage r = new ReturnedMessage((int) m.num("reply-code"), m.str("reply-text"), m.str("exchange"),
                m.str("routing-key"), Message.received(c.body(), c.header().properties(), env, null));
        ConfirmTracker t = confirms;
        if (t != null) {
            t.returned(r);
        }
        if (!returned.offer(r)) {
            returned.poll();
            returned.offer(r);
            LOG.log(System.Logger.Level.WARNING, "channel {0}: returned-message queue full, dropped the oldest", id);
        }
    }

    private void replyFromReader(AmqpMethod m) {
        replyFromReader(m, null);
    }

    private void replyFromReader(AmqpMethod m, Runnable underWriteLock) {
        try {
            conn.output().sendMethod(id, m, underWriteLock);
        } catch (IOException | AmqpException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send {0}: {1}", m.spec(), e.toString());
        }
    }

    /** Settles messages of one channel generation; refuses those delivered before a re-open. */
    private final class Acknowledger implements MessageAcknowledger {
        private final int gen;

        Acknowledger(int gen) {
            this.gen = gen;
        }

        private void checkCurrent(Envelope e) {
            if (gen != generation) {
                throw new ChannelClosedException(new ReplyInfo(0, "delivery tag " + e.deliveryTag()
                        + " belongs to channel " + id + " before it was re-opened; the broker has already "
                        + "requeued that message, and the tag now names another one", 0, 0, "", id));
            }
        }

        @Override
        public void ack(Envelope e, boolean multiple) {
            checkCurrent(e);
            basicAck(e.deliveryTag(), multiple);
        }

        @Override
        public void nack(Envelope e, boolean multiple, boolean requeue) {
            checkCurrent(e);
            basicNack(e.deliveryTag(), multiple, requeue);
        }

        @Override
        public void reject(Envelope e, boolean requeue) {
            checkCurrent(e);
            basicReject(e.deliveryTag(), requeue);
        }

        @Override
        public Channel channel() {
            return ChannelImpl.this;
        }
    }

    @Override
    public String toString() {
        return "Channel{" + id + ", " + state + ", " + mode + '}';
    }
}
