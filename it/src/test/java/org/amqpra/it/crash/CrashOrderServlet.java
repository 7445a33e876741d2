package org.amqpra.it.crash;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /order?id=X&queue=Q&halt=true}: one order transaction; {@code GET /order?count=X}:
 * rows with id X; {@code GET /order?setup=true}: creates the table.
 */
@WebServlet("/order")
public class CrashOrderServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private CrashOrderBean orders;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getParameter("setup") != null) {
            orders.createTable();
            resp.getWriter().print("ok");
        } else if (req.getParameter("count") != null) {
            resp.getWriter().print(orders.count(req.getParameter("count")));
        } else {
            orders.order(
                    req.getParameter("id"), req.getParameter("queue"), Boolean.parseBoolean(req.getParameter("halt")));
            resp.getWriter().print("ok");
        }
    }
}
