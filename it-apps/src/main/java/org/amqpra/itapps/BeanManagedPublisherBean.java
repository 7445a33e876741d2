package org.amqpra.itapps;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/**
 * Publishes inside a bean-managed {@link UserTransaction}, or with no transaction at all. Each
 * message's body and message id are {@code prefix-i}.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class BeanManagedPublisherBean {
    @Resource
    private UserTransaction ut;

    /** Begins, publishes {@code count} messages, then commits or rolls back. */
    public void publish(String queue, String prefix, int count, boolean commit) throws Exception {
        ut.begin();
        publishAndEnd(Results.lookUpFactory().getConnection(), queue, prefix, count, commit);
    }

    /**
     * Takes a connection handle, then begins, publishes {@code count} messages on it and commits
     * or rolls back: the handle is enlisted at its first use in the transaction (lazy enlistment).
     */
    public void publishOnHandleTakenBeforeBegin(String queue, String prefix, int count, boolean commit)
            throws Exception {
        AmqpConnection early = Results.lookUpFactory().getConnection();
        try {
            ut.begin();
            publishAndEnd(early, queue, prefix, count, commit);
        } finally {
            early.close(); // a second close does nothing
        }
    }

    /**
     * Begins with a 1 s timeout and publishes; waits until the transaction manager has timed the
     * transaction out, publishes again (blocking, then pipelined), then commits. Returns what each
     * step saw, as {@code status=<jta status> second=<published|exception>
     * async=<published|exception> commit=<ok|exception>}.
     */
    public String publishAcrossATimeout(String queue, String prefix) throws Exception {
        ut.setTransactionTimeout(1);
        StringBuilder seen = new StringBuilder();
        try {
            ut.begin();
            try (AmqpConnection c = Results.lookUpFactory().getConnection()) {
                c.channel()
                        .basicPublish(
                                Message.builder(prefix + "-0")
                                        .messageId(prefix + "-0")
                                        .build(),
                                "",
                                queue);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (ut.getStatus() == Status.STATUS_ACTIVE && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(20); // polling the condition: the reaper's timing is the server's
                }
                seen.append("status=").append(ut.getStatus());
                try {
                    c.channel()
                            .basicPublish(
                                    Message.builder(prefix + "-1")
                                            .messageId(prefix + "-1")
                                            .build(),
                                    "",
                                    queue);
                    seen.append(" second=published");
                } catch (RuntimeException e) {
                    seen.append(" second=").append(e.getClass().getSimpleName());
                }
                try {
                    c.channel()
                            .basicPublishAsync(
                                    Message.builder(prefix + "-2")
                                            .messageId(prefix + "-2")
                                            .build(),
                                    "",
                                    queue,
                                    false)
                            .get(10, TimeUnit.SECONDS);
                    seen.append(" async=published");
                } catch (RuntimeException | ExecutionException | TimeoutException e) {
                    seen.append(" async=").append(e.getClass().getSimpleName());
                }
            }
            try {
                ut.commit();
                seen.append(" commit=ok");
            } catch (Exception e) {
                seen.append(" commit=").append(e.getClass().getSimpleName());
            }
        } finally {
            ut.setTransactionTimeout(0);
        }
        return seen.toString();
    }

    private void publishAndEnd(AmqpConnection handle, String queue, String prefix, int count, boolean commit)
            throws Exception {
        try (AmqpConnection c = handle) {
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i;
                c.channel().basicPublish(Message.builder(id).messageId(id).build(), "", queue);
            }
        } catch (RuntimeException e) {
            ut.rollback();
            throw e;
        }
        if (commit) {
            ut.commit();
        } else {
            ut.rollback();
        }
    }

    /** Publishes with no transaction at all: sent at once. */
    public void publishWithoutTransaction(String queue, String id) {
        AmqpConnectionFactory cf = Results.lookUpFactory();
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder(id).messageId(id).build(), "", queue);
        }
    }
}
