package org.amqpra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.transaction.UserTransaction;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/** Publishes inside a bean-managed UserTransaction. */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class BeanManagedPublisherBean {
    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Resource
    private UserTransaction ut;

    /** Begins, publishes {@code count} messages, then commits or rolls back. */
    public void publish(String queue, String body, int count, boolean commit) throws Exception {
        ut.begin();
        publishAndEnd(cf.getConnection(), queue, body, count, commit);
    }

    /**
     * Takes a connection handle, then begins, publishes {@code count} messages on it and
     * commits or rolls back: the handle is enlisted at its first use in the transaction.
     */
    public void publishOnHandleTakenBeforeBegin(String queue, String body, int count, boolean commit)
            throws Exception {
        AmqpConnection early = cf.getConnection();
        try {
            ut.begin();
            publishAndEnd(early, queue, body, count, commit);
        } finally {
            early.close(); // a second close does nothing
        }
    }

    private void publishAndEnd(AmqpConnection handle, String queue, String body, int count, boolean commit)
            throws Exception {
        try (AmqpConnection c = handle) {
            for (int i = 0; i < count; i++) {
                c.channel().basicPublish(Message.builder(body + "-" + i).build(), "", queue);
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
    public void publishWithoutTransaction(String queue, String body) {
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder(body).build(), "", queue);
        }
    }
}
