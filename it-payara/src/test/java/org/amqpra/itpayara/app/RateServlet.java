package org.amqpra.itpayara.app;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;

/**
 * {@code GET /rate?queue=q&n=4000&warmup=2000}: inside the server, {@code warmup} then {@code n}
 * transactions through the adapter (one container-managed transaction per message:
 * getConnection, publish, close, commit), then {@code n} on a raw client connection doing
 * publish + tx.commit per message; answers {@code "rar=<tx/s> raw=<tx/s>"}. Not an assertion on
 * speed: the README's adapter rows.
 */
@WebServlet("/rate")
public class RateServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private PublisherBean publisher;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String queue = req.getParameter("queue");
        int n = Integer.parseInt(req.getParameter("n"));
        int warmUp = Integer.parseInt(req.getParameter("warmup"));
        for (int i = 0; i < warmUp; i++) {
            publisher.publish(queue, "warm-up-" + i, 1, false); // the server JIT-compiles the path first
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            publisher.publish(queue, "rar-" + i, 1, false);
        }
        double rarSeconds = (System.nanoTime() - t0) / 1e9;
        String uri = System.getenv().getOrDefault("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/%2F");
        double rawSeconds;
        try (Connection raw = Connection.open(uri)) {
            Channel ch = raw.channel();
            ch.txSelect();
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ch.basicPublish(
                        Message.builder("raw-" + i).messageId("raw-" + i).build(), "", queue);
                ch.txCommit();
            }
            rawSeconds = (System.nanoTime() - t1) / 1e9;
        }
        resp.getWriter().printf("rar=%.0f raw=%.0f", n / rarSeconds, n / rawSeconds);
    }
}
