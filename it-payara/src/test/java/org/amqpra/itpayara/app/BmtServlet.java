package org.amqpra.itpayara.app;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.amqpra.itapps.BeanManagedPublisherBean;

/**
 * {@code GET /bmt?queue=q&prefix=p&n=3&commit=true&early=false}: publishes in a bean-managed
 * transaction; {@code GET /bmt?queue=q&prefix=p&none=true}: one publish with no transaction;
 * {@code GET /bmt?queue=q&prefix=p&timeout=true}: publishes across a transaction timeout and
 * prints what each step saw.
 */
@WebServlet("/bmt")
public class BmtServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private BeanManagedPublisherBean publisher;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String queue = req.getParameter("queue");
        String prefix = req.getParameter("prefix");
        try {
            if (Boolean.parseBoolean(req.getParameter("none"))) {
                publisher.publishWithoutTransaction(queue, prefix);
            } else if (Boolean.parseBoolean(req.getParameter("timeout"))) {
                resp.getWriter().print(publisher.publishAcrossATimeout(queue, prefix));
                return;
            } else {
                int n = Integer.parseInt(req.getParameter("n"));
                boolean commit = Boolean.parseBoolean(req.getParameter("commit"));
                if (Boolean.parseBoolean(req.getParameter("early"))) {
                    publisher.publishOnHandleTakenBeforeBegin(queue, prefix, n, commit);
                } else {
                    publisher.publish(queue, prefix, n, commit);
                }
            }
            resp.getWriter().print("done");
        } catch (Exception e) {
            resp.setStatus(500);
            resp.getWriter().print("failed: " + e);
        }
    }
}
