package org.amqpra.it.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Slow transacted consumer, deployed and undeployed while messages flow. Bound to the adapter by
 * {@code META-INF/jboss-ejb3.xml} (undeploy-jboss-ejb3.xml), not by annotation.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "queue", propertyValue = UndeployMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "10")})
public class UndeployMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.undeploy";
    public static final String DONE = QUEUE + ".done";

    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Results.publish(cf, DONE, Results.id(m));
    }
}
