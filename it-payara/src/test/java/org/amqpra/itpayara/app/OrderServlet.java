package org.amqpra.itpayara.app;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /order?queue=q&id=x&fail=false}: 200 "committed" or 500 "rolled back";
 * {@code GET /order?count=x}: the number of rows with that id.
 */
@WebServlet("/order")
public class OrderServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private OrderBean orders;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        orders.createTable();
        if (req.getParameter("count") != null) {
            resp.getWriter().print(orders.count(req.getParameter("count")));
            return;
        }
        try {
            orders.place(
                    req.getParameter("queue"), req.getParameter("id"), Boolean.parseBoolean(req.getParameter("fail")));
            resp.getWriter().print("committed");
        } catch (EJBException e) {
            resp.setStatus(500);
            resp.getWriter().print("rolled back: " + e.getMessage());
        }
    }
}
