package org.amqpra.itapps;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.transaction.UserTransaction;
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
