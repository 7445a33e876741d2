package org.amqpra.demo;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * {@code POST /api/orders} with {@code {"item": "book", "quantity": 1}} places an order;
 * {@code GET /api/orders} and {@code GET /api/orders/{id}} show each order's state and attempts.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {
    /** What a client posts. */
    public static class NewOrder {
        public String item;
        public int quantity = 1;
    }

    @EJB
    private OrderService orders;

    @EJB
    private OrderStore store;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(NewOrder order) {
        if (order == null || order.item == null || order.item.isBlank()) {
            return Response.status(400)
                    .entity("{\"error\":\"an order needs an item\"}")
                    .build();
        }
        Order placed = orders.place(order.item, Math.max(1, order.quantity));
        return Response.created(URI.create("orders/" + placed.id))
                .entity(placed)
                .build();
    }

    @GET
    public List<Order> all() {
        return store.all();
    }

    @GET
    @Path("{id}")
    public Order one(@PathParam("id") long id) {
        Order o = store.find(id);
        if (o == null) {
            throw new NotFoundException("no order " + id);
        }
        return o;
    }
}
