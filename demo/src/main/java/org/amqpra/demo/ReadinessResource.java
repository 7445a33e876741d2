package org.amqpra.demo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * {@code GET /api/ready}: 200 once both message-driven beans consume (their activations'
 * {@code State} is {@code DELIVERING}), else 503; a line per queue either way. Their activations
 * declare the exchange, the queues and the binding when they first connect, a moment after the
 * application is deployed: an order placed before that would be routed nowhere, and the
 * exchange would drop its message. Read from the adapter's MBeans (docs/operating.md).
 */
@Path("/ready")
@Produces(MediaType.TEXT_PLAIN)
public class ReadinessResource {
    @GET
    public Response ready() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder body = new StringBuilder();
        boolean ready = true;
        for (String queue : List.of(Topology.SHIPPING_QUEUE, Topology.DEAD_LETTER_QUEUE)) {
            String state;
            try {
                Set<ObjectName> names =
                        server.queryNames(new ObjectName("org.amqpra:type=Activation,queue=\"" + queue + "\",*"), null);
                state = names.size() == 1
                        ? String.valueOf(server.getAttribute(names.iterator().next(), "State"))
                        : "NOT ACTIVATED";
            } catch (JMException e) {
                state = "UNKNOWN (" + e + ")";
            }
            ready &= "DELIVERING".equals(state);
            body.append(queue).append(' ').append(state).append('\n');
        }
        return Response.status(ready ? 200 : 503).entity(body.toString()).build();
    }
}
