package org.amqpra.jca.management;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * One bean registered in the platform MBean server under the {@code org.amqpra} domain, removed
 * by {@link #close()} (idempotent). Management never stops the adapter from working: a bean
 * that cannot be registered (a security manager, say) is logged and left out.
 */
public final class ManagementRegistration implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ManagementRegistration.class.getName());
    /** The JMX domain of every amqp-ra bean. */
    public static final String DOMAIN = "org.amqpra";

    private final MBeanServer server;
    private volatile ObjectName name;

    private ManagementRegistration(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /**
     * Registers {@code bean} as {@code org.amqpra:type=<type>,<key>=<value>,...} (values quoted),
     * {@code keysAndValues} alternating. When a bean of that name exists (two owners alike), the
     * name gets {@code instance=2}, 3, and so on.
     */
    public static ManagementRegistration register(String type, Object bean, String... keysAndValues) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            keys.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (int instance = 1; instance < 100; instance++) {
            try {
                ObjectName name = nameOf(type, keys, instance);
                server.registerMBean(bean, name);
                return new ManagementRegistration(server, name);
            } catch (InstanceAlreadyExistsException taken) {
                // an owner alike is registered: try the next instance number
            } catch (JMException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot register the {0} MBean: {1}", type, e.toString());
                return new ManagementRegistration(server, null);
            }
        }
        LOG.log(System.Logger.Level.WARNING, "no free name for a {0} MBean {1}", type, keys);
        return new ManagementRegistration(server, null);
    }

    static ObjectName nameOf(String type, Map<String, String> keys, int instance) throws JMException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("type", type);
        keys.forEach((k, v) -> all.put(k, ObjectName.quote(v == null ? "" : v)));
        if (instance > 1) {
            all.put("instance", Integer.toString(instance));
        }
        StringBuilder s = new StringBuilder(DOMAIN).append(':');
        all.forEach((k, v) -> s.append(k).append('=').append(v).append(','));
        s.setLength(s.length() - 1);
        return new ObjectName(s.toString());
    }

    /** The bean's name, or null when it could not be registered or is unregistered. */
    public ObjectName name() {
        return name;
    }

    @Override
    public synchronized void close() {
        ObjectName n = name;
        name = null;
        if (n == null) {
            return;
        }
        try {
            server.unregisterMBean(n);
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "unregistering {0}: {1}", n, e.toString());
        }
    }
}
