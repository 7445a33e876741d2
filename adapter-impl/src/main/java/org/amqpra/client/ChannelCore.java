package org.amqpra.client;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.amqpra.AmqpErrors;
import org.amqpra.AmqpException;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.ChannelClosedException;
import org.amqpra.ChannelException;
import org.amqpra.ChannelMode;
import org.amqpra.Message;
import org.amqpra.ReplyInfo;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.ClientMethods;
import org.amqpra.wire.Command;
import org.amqpra.wire.MethodSpec;
import org.amqpra.wire.Methods;

/**
 * A channel's state machine and its calls to the broker: open, close, re-open after a channel
 * error (amqpy), RPC correlation, and the write guard that keeps our methods off the wire once
 * the channel is closing. Application threads call it through {@link ChannelImpl}; the reader
 * thread through {@link ChannelReader}.
 *
 * <p>States: OPEN → CLOSING (we sent channel.close) → CLOSED; OPEN → BROKER_CLOSED (the broker
 * sent channel.close and we answered close-ok) → OPEN again on the next use, unless the channel
 * is in tx or confirm mode; any → CLOSED when the connection ends.
 */
final class ChannelCore {
    private static final System.Logger LOG = System.getLogger(ChannelCore.class.getName());

    enum State {
        OPEN,
        CLOSING,
        BROKER_CLOSED,
        CLOSED
    }

    final Connection conn;
    final int id;
    final Duration rpcTimeout;
    final ChannelConsumers consumers = new ChannelConsumers();
    private final RpcQueue rpc = new RpcQueue();
    private final ReentrantLock rpcLock = new ReentrantLock();
    private final CompletableFuture<Void> closeOk = new CompletableFuture<>();
    private volatile State state = State.OPEN;
    private volatile ChannelMode mode = ChannelMode.NONE;
    private volatile ConfirmTracker confirms;
    private volatile boolean active = true;
    private volatile int generation;
    private volatile AmqpException closeCause;
    private volatile boolean causeReported;

    /**
     * Runs under the connection's write lock before a method of ours is written: nothing but
     * close and close-ok may follow a close or close-ok on the wire (0-9-1 §4.2.3 channel.close),
     * and the reader flips the state under the same lock before it writes close-ok.
     */
    private final Runnable writeGuard = () -> {
        if (state != State.OPEN) {
            throw new NotWritable();
        }
    };

    ChannelCore(Connection conn, int id) {
        this.conn = conn;
        this.id = id;
        this.rpcTimeout = conn.parameters().rpcTimeout();
    }

    // ---- state read by the other parts -------------------------------------------------

    State state() {
        return state;
    }

    ChannelMode mode() {
        return mode;
    }

    ConfirmTracker confirms() {
        return confirms;
    }

    boolean active() {
        return active;
    }

    void setActive(boolean active) {
        this.active = active;
    }

    /** Increases with every re-open: acks of an older generation would settle the wrong message. */
    int generation() {
        return generation;
    }

    AmqpException closeCause() {
        return closeCause;
    }

    /** Whether the application may use the channel (a channel closed by the broker re-opens on use). */
    boolean isOpen() {
        State s = state;
        return conn.isConnected() && (s == State.OPEN || s == State.BROKER_CLOSED && mode == ChannelMode.NONE);
    }

    // ---- modes ----------------------------------------------------------------------------

    void txSelect() {
        call(ClientMethods.txSelect(), false, Methods.TX_SELECT_OK);
        mode = ChannelMode.TX;
    }

    void confirmSelect(boolean nowait) {
        if (mode == ChannelMode.CONFIRM) {
            return;
        }
        ConfirmTracker tracker = new ConfirmTracker(id);
        if (nowait) {
            confirms = tracker;
            mode = ChannelMode.CONFIRM;
            send(ClientMethods.confirmSelect(true));
            return;
        }
        rpcCall(
                ClientMethods.confirmSelect(false),
                ok -> {
                    confirms = tracker;
                    mode = ChannelMode.CONFIRM;
                },
                Methods.CONFIRM_SELECT_OK);
    }

    // ---- calls ----------------------------------------------------------------------------

    /** Sends channel.open and waits for open-ok (also used to re-open after a channel error). */
    void open() {
        rpcCall(ClientMethods.channelOpen(), null, Methods.CHANNEL_OPEN_OK);
    }

    /** Sends {@code m}; unless {@code nowait}, waits for one of {@code replies} and returns it. */
    Command call(AmqpMethod m, boolean nowait, MethodSpec... replies) {
        if (nowait) {
            send(m);
            return null;
        }
        return rpcCall(m, null, replies);
    }

    /**
     * Sends {@code m} and waits for one of {@code replies}, one call at a time per channel.
     * {@code onReaderThread}, when not null, runs on the reader thread with the reply before any
     * later frame is handled (consume-ok registers its consumer there, before the first delivery).
     */
    Command rpcCall(AmqpMethod m, Consumer<Command> onReaderThread, MethodSpec... replies) {
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

    /** Sends a method that has no reply. */
    void send(AmqpMethod m) {
        for (int attempt = 0; ; attempt++) {
            ensureUsable();
            try {
                conn.output().sendMethod(id, m, writeGuard);
                return;
            } catch (IOException e) {
                throw conn.lost(e);
            } catch (NotWritable e) {
                retryOnce(e, attempt);
            }
        }
    }

    /**
     * Publishes without confirm. The retry loop is written out in each write method rather than
     * shared through a lambda: a lambda capturing the arguments would be one allocation per
     * publish or ack.
     */
    void publish(Message message, String exchange, String routingKey, boolean mandatory) {
        for (int attempt = 0; ; attempt++) {
            ensureUsable();
            try {
                conn.awaitUnblocked();
                conn.output().sendPublish(id, exchange, routingKey, mandatory, message, writeGuard, null);
                return;
            } catch (IOException e) {
                throw conn.lost(e);
            } catch (NotWritable e) {
                retryOnce(e, attempt);
            }
        }
    }

    /** Publishes in confirm mode; {@code sequence} assigns the confirm number under the write lock. */
    void publishConfirmed(
            Message message, String exchange, String routingKey, boolean mandatory, LongSupplier sequence) {
        conn.awaitUnblocked();
        try {
            conn.output().sendPublish(id, exchange, routingKey, mandatory, message, writeGuard, sequence);
        } catch (IOException e) {
            throw conn.lost(e);
        } catch (NotWritable e) {
            // a confirm channel is never re-opened: report why it closed
            ensureUsable();
            throw e.asChannelClosed(id);
        }
    }

    /** Sends basic.ack (the consume path's hot method: no method object). */
    void ack(long deliveryTag, boolean multiple) {
        for (int attempt = 0; ; attempt++) {
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

    /** After the guard refused a write: the first time, check the channel again; then give up. */
    private void retryOnce(NotWritable e, int attempt) {
        if (attempt > 0) {
            throw e.asChannelClosed(id);
        }
    }

    /** The channel's close error reached a caller: later calls need not repeat it. */
    void markReported(AmqpException e) {
        if (e == closeCause) {
            causeReported = true;
        }
    }

    private void lockRpc(String what) {
        try {
            if (!rpcLock.tryLock(rpcTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AmqpTimeoutException(new ReplyInfo(
                        0, "channel busy with another call for " + rpcTimeout.toMillis() + " ms", 0, 0, what, id));
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
    void ensureUsable() {
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
                throw new ChannelClosedException(
                        new ReplyInfo(
                                0,
                                "channel " + id + " in " + mode
                                        + " mode was closed by the broker (" + closeCause.info() + "); its "
                                        + (mode == ChannelMode.TX
                                                ? "transaction is lost"
                                                : "unconfirmed publishes failed")
                                        + ": open a new channel",
                                0,
                                0,
                                "",
                                id),
                        closeCause);
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

    // ---- close ----------------------------------------------------------------------------

    /** The application closes the channel: channel.close, then close-ok within the RPC timeout. */
    void close(int replyCode, String replyText, int classId, int methodId, Runnable released) {
        State s = state;
        if (s == State.CLOSED || s == State.CLOSING) {
            return;
        }
        ChannelClosedException byApplication =
                new ChannelClosedException(ReplyInfo.local(0, "channel " + id + " was closed by the application"));
        if (s == State.BROKER_CLOSED || !conn.isConnected()) {
            markClosed(byApplication, released);
            return;
        }
        lockRpc(Methods.CHANNEL_CLOSE.name());
        try {
            try {
                conn.output()
                        .sendMethod(id, ClientMethods.channelClose(replyCode, replyText, classId, methodId), () -> {
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
            } catch (TimeoutException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "no channel.close-ok on channel {0} within {1} ms",
                        id,
                        rpcTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // closeOk never completes exceptionally
            }
        } finally {
            markClosed(byApplication, released);
            rpcLock.unlock();
        }
    }

    private void markClosed(AmqpException cause, Runnable released) {
        state = State.CLOSED;
        if (closeCause == null) {
            closeCause = cause;
        }
        failEverything(cause);
        released.run();
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

    // ---- the reader thread's side ---------------------------------------------------------

    /** A reply from the broker for the call waiting on this channel; false if none waits for it. */
    boolean completeCall(Command c) {
        return rpc.complete(c);
    }

    /** channel.close-ok arrived. */
    void closeOkReceived() {
        closeOk.complete(null);
    }

    /**
     * The broker closed the channel (reader thread). Answers close-ok, fails the waiting calls
     * and the unconfirmed publishes, and returns the consumers the broker forgot. When we were
     * closing too, both sides closed at once: our close is done, and the answer is null.
     */
    Map<String, ChannelConsumers.Entry> closedByBroker(ReplyInfo info) {
        if (state == State.CLOSING) {
            reply(ClientMethods.channelCloseOk(), null);
            closeOk.complete(null);
            return null;
        }
        ChannelException ex = AmqpErrors.forChannelClose(info);
        ConfirmTracker t = confirms;
        closeCause = ex;
        causeReported = false; // set by whichever thread hands the error to a caller first
        Map<String, ChannelConsumers.Entry> forgotten = new LinkedHashMap<>();
        // The state flips under the write lock, just before close-ok is written: no method of
        // ours can follow close-ok on the wire.
        reply(ClientMethods.channelCloseOk(), () -> markBrokerClosed(ex, forgotten));
        if (state != State.BROKER_CLOSED) {
            markBrokerClosed(ex, forgotten); // the close-ok could not be written
        }
        if (t != null) {
            t.failAll(ex);
        }
        LOG.log(System.Logger.Level.DEBUG, "channel {0} closed by broker: {1}", id, info);
        return forgotten;
    }

    /**
     * Fails the calls waiting for replies and forgets the consumers, then marks the channel
     * closed by the broker, in that order: a caller that sees the closed state may re-open the
     * channel at once, and its channel.open and new consumers must not be failed or forgotten by
     * this close.
     */
    private void markBrokerClosed(ChannelException ex, Map<String, ChannelConsumers.Entry> forgotten) {
        rpc.failAll(ex);
        forgotten.putAll(consumers.takeAll());
        state = State.BROKER_CLOSED;
    }

    /** Sends a reply from the reader thread; a failure only means the connection is going. */
    void reply(AmqpMethod m, Runnable underWriteLock) {
        try {
            conn.output().sendMethod(id, m, underWriteLock);
        } catch (IOException | AmqpException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send {0}: {1}", m.spec(), e.toString());
        }
    }

    /** Internal: the channel stopped being writable between the check and the write. */
    private static final class NotWritable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotWritable() {
            super(null, null, false, false);
        }

        ChannelClosedException asChannelClosed(int channel) {
            return new ChannelClosedException(
                    new ReplyInfo(0, "channel " + channel + " closed while writing", 0, 0, "", channel));
        }
    }
}
