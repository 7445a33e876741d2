package org.amqpra.it.leak;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Reports the class loaders the server's JVM still holds, after full GCs: the output of
 * {@code jcmd VM.classloaders} (through the DiagnosticCommand MBean, {@code GC.run} first),
 * one line per loader with its name (not folded); with {@code ?dump=<file>} it writes a heap dump of live
 * objects too. Deployed on its own, depending on nothing of the adapter.
 */
@WebServlet("/loaders")
public class LoaderProbeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        try {
            ObjectName dcmd = new ObjectName("com.sun.management:type=DiagnosticCommand");
            String[] signature = {String[].class.getName()};
            for (int i = 0; i < 3; i++) {
                ManagementFactory.getPlatformMBeanServer()
                        .invoke(dcmd, "gcRun", new Object[] {new String[0]}, signature);
            }
            Object loaders = ManagementFactory.getPlatformMBeanServer()
                    .invoke(dcmd, "vmClassloaders", new Object[] {new String[] {"fold=false"}}, signature);
            if (req.getParameter("dump") != null) {
                ManagementFactory.getPlatformMBeanServer()
                        .invoke(
                                new ObjectName("com.sun.management:type=HotSpotDiagnostic"),
                                "dumpHeap",
                                new Object[] {req.getParameter("dump"), true},
                                new String[] {String.class.getName(), boolean.class.getName()});
            }
            resp.getWriter().print(loaders);
        } catch (JMException e) {
            resp.sendError(500, e.toString());
        }
    }
}
