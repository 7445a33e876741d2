package org.amqpra.itpayara.app;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;
import org.amqpra.itapps.AuditBean;

/**
 * Transacted MDB (container-managed REQUIRED) bound to the adapter by
 * {@code WEB-INF/glassfish-ejb-jar.xml}: reports each message it processes through the factory,
 * in its transaction; "fail-once" messages throw on their first delivery, after an audit
 * record published by a {@code REQUIRES_NEW} bean.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = ReportingMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "2"),
            @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "10")
        })
public class ReportingMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-payara.in";
    public static final String DONE = QUEUE + ".done";
    public static final String AUDITS = "amqpra-payara.audit";

    @Resource(lookup = "amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @EJB
    private AuditBean audit;

    @Override
    public void onMessage(Message m) {
        if (m.messageId().startsWith("fail-once") && !m.redelivered()) {
            try (AmqpConnection c = cf.getConnection()) {
                c.channel()
                        .basicPublish(
                                Message.builder("rolled-back|" + m.messageId()).build(), "", DONE);
            }
            audit.record(AUDITS, "audit|" + m.messageId()); // its own transaction: kept
            throw new IllegalStateException("first delivery of " + m.messageId() + " fails");
        }
        try (AmqpConnection c = cf.getConnection()) {
            c.channel()
                    .basicPublish(
                            Message.builder("done|" + m.messageId() + "|" + m.redelivered())
                                    .build(),
                            "",
                            DONE);
        }
    }
}
