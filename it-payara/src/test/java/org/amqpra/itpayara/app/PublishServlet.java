package org.amqpra.itpayara.app;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /publish?queue=q&prefix=p&n=3&fail=false}: 200 "committed" or 500 "rolled back". */
@WebServlet("/publish")
public class PublishServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private PublisherBean publisher;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            publisher.publish(req.getParameter("queue"), req.getParameter("prefix"),
                    Integer.parseInt(req.getParameter("n")), Boolean.parseBoolean(req.getParameter("fail")));
            resp.getWriter().print("committed");
        } catch (EJBException e) {
            resp.setStatus(500);
            resp.getWriter().print("rolled back: " + e.getMessage());
        }
    }
}
