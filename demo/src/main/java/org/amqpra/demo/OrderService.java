package org.amqpra.demo;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/**
 * Places orders: the row and the {@code order.created} message in one container-managed JTA
 * transaction. If either fails, neither happens: no order without its message, no message about
 * an order that does not exist.
 */
@Stateless
public class OrderService {
    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory amqp;

    @EJB
    private OrderStore store;

    /** Stores the order and publishes it; both commit when this method returns. */
    public Order place(String item, int quantity) {
        long id = store.insert(item, quantity);
        try (AmqpConnection c = amqp.getConnection()) {
            c.channel()
                    .basicPublish(
                            Message.builder(Long.toString(id))
                                    .messageId("order-" + id)
                                    .contentType("text/plain")
                                    .header("item", item)
                                    .persistent()
                                    .build(),
                            Topology.EXCHANGE,
                            Topology.CREATED);
        }
        return store.find(id);
    }
}
