package org.amqpra.itpayara.app;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.transaction.UserTransaction;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/** Publishes inside a bean-managed {@link UserTransaction}, or with no transaction at all. */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class BeanManagedPublisherBean {
    @Resource(lookup = "amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Resource
    private UserTransaction ut;

    /**
     * Publishes {@code n} messages between {@code begin} and {@code commit} (or
     * {@code rollback}); with {@code handleBeforeBegin} the connection handle is taken before the
     * transaction begins and first used inside it (lazy enlistment).
     */
    public void publish(String queue, String prefix, int n, boolean commit, boolean handleBeforeBegin)
            throws Exception {
        AmqpConnection early = handleBeforeBegin ? cf.getConnection() : null;
        try {
            ut.begin();
            try (AmqpConnection c = early != null ? early : cf.getConnection()) {
                for (int i = 0; i < n; i++) {
                    c.channel().basicPublish(Message.builder(prefix + "-" + i).messageId(prefix + "-" + i).build(),
                            "", queue);
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
        } finally {
            if (early != null) {
                early.close(); // closing twice is allowed
            }
        }
    }

    /** Publishes with no transaction: sent at once. */
    public void publishWithoutTransaction(String queue, String id) {
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder(id).messageId(id).build(), "", queue);
        }
    }
}
