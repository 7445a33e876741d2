package org.amqpra.itapps;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the operations ITs ask of the server, over HTTP: the adapter's MBeans read from the
 * platform MBean server inside the server ({@code ?mbean=<pattern>&attr=A,B}: one line
 * {@code A=value} per attribute of the one matching bean; {@code ?count=<pattern>}: how many
 * match; {@code ?mbean=<pattern>&invoke=op}), a publish through the factory committed or rolled
 * back ({@code ?publish=<queue>&body=..&rollback=true}), and {@link FragileMdb}'s fault
 * ({@code ?fragile=broken|fixed}).
 */
@WebServlet("/amqpra-ops")
public class OperationsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private TxPublisherBean publisher;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (req.getParameter("count") != null) {
                resp.getWriter()
                        .print(server.queryNames(new ObjectName(req.getParameter("count")), null)
                                .size());
            } else if (req.getParameter("mbean") != null) {
                Set<ObjectName> names = server.queryNames(new ObjectName(req.getParameter("mbean")), null);
                if (names.size() != 1) {
                    resp.sendError(404, "beans matching " + req.getParameter("mbean") + ": " + names);
                    return;
                }
                ObjectName name = names.iterator().next();
                if (req.getParameter("invoke") != null) {
                    server.invoke(name, req.getParameter("invoke"), new Object[0], new String[0]);
                    resp.getWriter().print("invoked");
                    return;
                }
                StringBuilder out = new StringBuilder();
                for (String attr : req.getParameter("attr").split(",")) {
                    out.append(attr)
                            .append('=')
                            .append(server.getAttribute(name, attr))
                            .append('\n');
                }
                resp.getWriter().print(out);
            } else if (req.getParameter("publish") != null) {
                publisher.publish(
                        req.getParameter("publish"),
                        req.getParameter("body"),
                        Boolean.parseBoolean(req.getParameter("rollback")));
                resp.getWriter().print("published");
            } else if (req.getParameter("fragile") != null) {
                FragileMdb.BROKEN = "broken".equals(req.getParameter("fragile"));
                resp.getWriter().print("fragile " + req.getParameter("fragile"));
            } else {
                resp.sendError(400, "ask for mbean, count, publish or fragile");
            }
        } catch (JMException e) {
            resp.sendError(500, e.toString());
        }
    }
}
