package org.amqpra.it.cluster;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;
import org.amqpra.itapps.Results;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Transacted consumer of a quorum queue that its activation declares on the cluster; reports each
 * message done (persistent, to a quorum queue) in the delivery's transaction, with the ack.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = ClusterMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "queueType", propertyValue = "quorum"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "4"),
            @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "20"),
            @ActivationConfigProperty(propertyName = "reconnectInitialDelayMillis", propertyValue = "200")
        })
@ResourceAdapter("amqp-ra.rar")
public class ClusterMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.cluster.in";
    public static final String DONE = QUEUE + ".done";

    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        // id|redelivered|when (epoch ms): the test finds the outage in the processing times
        Results.publishPersistent(cf, DONE, Results.id(m) + "|" + m.redelivered() + "|" + System.currentTimeMillis());
    }
}
