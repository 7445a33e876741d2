package org.amqpra.it.cluster;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/** Publishes persistent messages through the pool, in container-managed transactions. */
@Stateless
public class ClusterPublisherBean {
    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    /** One transaction: messages {@code prefix-from} to {@code prefix-(from+count-1)}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void publish(String queue, String prefix, int from, int count) {
        try (AmqpConnection c = cf.getConnection()) {
            for (int i = from; i < from + count; i++) {
                String id = prefix + "-" + i;
                c.channel()
                        .basicPublish(
                                Message.builder(id).messageId(id).persistent().build(), "", queue);
            }
        }
    }
}
