package org.amqpra.itpayara.app;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/** Publishes in a transaction of its own: committed whatever becomes of the caller's. */
@Stateless
public class AuditBean {
    public static final String QUEUE = "amqpra-payara.audit";

    @Resource(lookup = "amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String what) {
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder(what).build(), "", QUEUE);
        }
    }
}
