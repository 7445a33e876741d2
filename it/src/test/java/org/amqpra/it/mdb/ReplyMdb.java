package org.amqpra.it.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;
import org.amqpra.itapps.AuditBean;
import org.amqpra.itapps.Results;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Transacted: publishes a reply through the outbound factory in the MDB's transaction; a
 * "rollback-first" message marks rollback on its first delivery, so that reply must vanish and
 * the input come back. A message containing "audit" also publishes an audit record through a
 * REQUIRES_NEW bean, which commits on its own whatever becomes of the delivery.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = ReplyMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "1"),
            @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "1")
        })
@ResourceAdapter("amqp-ra.rar")
public class ReplyMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.reply";
    public static final String REPLIES = QUEUE + ".out";
    public static final String AUDITS = QUEUE + ".audit";

    @EJB
    private AuditBean audit;

    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Resource
    private MessageDrivenContext ctx;

    @Override
    public void onMessage(Message m) {
        String body = m.bodyAsString();
        Results.publish(cf, REPLIES, "reply|" + body + "|" + m.redelivered());
        if (body.contains("audit")) {
            audit.record(AUDITS, "audit|" + body + "|" + m.redelivered());
        }
        if (body.startsWith("rollback-first") && !m.redelivered()) {
            ctx.setRollbackOnly();
        }
    }
}
