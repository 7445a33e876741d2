package org.amqpra.itpayara.app;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /publish?queue=q&prefix=p&n=3&fail=false}: 200 "committed" or 500 "rolled back";
 * {@code GET /publish?exchange=x}: one publish to that exchange (a missing one fails the commit);
 * {@code GET /publish?queue=q&prefix=p&n=4&hold=50}: publishes and holds the connection 50 ms
 * longer in the transaction; {@code GET /publish?peaks=true}: "callers|holding a connection",
 * the most at once since the last such call.
 */
@WebServlet("/publish")
public class PublishServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private PublisherBean publisher;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            if (req.getParameter("peaks") != null) {
                resp.getWriter().print(CallerPeaks.IN_BEAN.takePeak() + "|" + CallerPeaks.WITH_CONNECTION.takePeak());
                return;
            }
            if (req.getParameter("hold") != null) {
                publisher.publishHolding(
                        req.getParameter("queue"),
                        req.getParameter("prefix"),
                        Integer.parseInt(req.getParameter("n")),
                        Long.parseLong(req.getParameter("hold")));
                resp.getWriter().print("committed");
                return;
            }
            if (req.getParameter("exchange") != null) {
                publisher.publishToMissingExchange(req.getParameter("exchange"));
                resp.getWriter().print("committed");
                return;
            }
            publisher.publish(
                    req.getParameter("queue"),
                    req.getParameter("prefix"),
                    Integer.parseInt(req.getParameter("n")),
                    Boolean.parseBoolean(req.getParameter("fail")));
            resp.getWriter().print("committed");
        } catch (EJBException e) {
            resp.setStatus(500);
            resp.getWriter().print("rolled back: " + causes(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.setStatus(500);
            resp.getWriter().print("interrupted");
        }
    }

    /** Every message of the cause chain, suppressed exceptions included. */
    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append(" <- ");
            for (Throwable s : c.getSuppressed()) {
                b.append("[suppressed ").append(s).append("] ");
            }
        }
        return b.toString();
    }
}
