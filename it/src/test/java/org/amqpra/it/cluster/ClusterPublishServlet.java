package org.amqpra.it.cluster;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /publish?prefix=p&n=10000&batch=100}: publishes n messages to the MDB's queue, batch
 * per transaction; answers {@code ok} or the first failure.
 */
@WebServlet("/publish")
public class ClusterPublishServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private ClusterPublisherBean publisher;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String prefix = req.getParameter("prefix");
        int n = Integer.parseInt(req.getParameter("n"));
        int batch = Integer.parseInt(req.getParameter("batch"));
        try {
            for (int from = 0; from < n; from += batch) {
                publisher.publish(ClusterMdb.QUEUE, prefix, from, Math.min(batch, n - from));
            }
            resp.getWriter().print("ok");
        } catch (RuntimeException e) {
            resp.setStatus(500);
            resp.getWriter().print("failed: " + e);
        }
    }
}
