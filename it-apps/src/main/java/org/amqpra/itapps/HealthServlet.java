package org.amqpra.itapps;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A readiness probe over the adapter's MBeans, as docs/operating.md shows it: 200 when every
 * activation and connection factory is {@code HEALTHY}, else 503; one line per bean either way.
 */
@WebServlet("/amqpra-health")
public class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder body = new StringBuilder();
        boolean healthy = true;
        try {
            for (String type : new String[] {"Activation", "ConnectionFactory"}) {
                for (ObjectName name : server.queryNames(new ObjectName("org.amqpra:type=" + type + ",*"), null)) {
                    Object health = server.getAttribute(name, "Health");
                    healthy &= "HEALTHY".equals(health);
                    body.append(name)
                            .append(' ')
                            .append(health)
                            .append(' ')
                            .append(server.getAttribute(name, "HealthReason"))
                            .append('\n');
                }
            }
        } catch (JMException e) {
            healthy = false;
            body.append(e).append('\n');
        }
        resp.setStatus(healthy ? 200 : 503);
        resp.setContentType("text/plain");
        resp.getWriter().print(body);
    }
}
