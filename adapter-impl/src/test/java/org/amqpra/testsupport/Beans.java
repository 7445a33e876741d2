package org.amqpra.testsupport;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The adapter's MBeans in this JVM's platform MBean server, read as a JMX client would. */
public final class Beans {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private Beans() {}

    /** The names of {@code org.amqpra} beans of {@code type} whose {@code key} is {@code value}. */
    public static Set<ObjectName> named(String type, String key, String value) {
        try {
            return SERVER.queryNames(
                    new ObjectName("org.amqpra:type=" + type + "," + key + "=" + ObjectName.quote(value) + ",*"), null);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one bean of {@code type} whose {@code key} is {@code value}. */
    public static ObjectName one(String type, String key, String value) {
        Set<ObjectName> names = named(type, key, value);
        if (names.size() != 1) {
            throw new IllegalStateException("expected one " + type + " bean with " + key + "=" + value + ": " + names);
        }
        return names.iterator().next();
    }

    /** An attribute's value. */
    public static Object get(ObjectName name, String attribute) {
        try {
            return SERVER.getAttribute(name, attribute);
        } catch (JMException e) {
            throw new IllegalStateException(name + " " + attribute, e);
        }
    }

    /** A numeric attribute as a long. */
    public static long number(ObjectName name, String attribute) {
        return ((Number) get(name, attribute)).longValue();
    }

    /** Removes a bean. */
    public static void unregister(ObjectName name) {
        try {
            SERVER.unregisterMBean(name);
        } catch (JMException e) {
            throw new IllegalStateException(name.toString(), e);
        }
    }

    /** Invokes an operation without arguments. */
    public static void invoke(ObjectName name, String operation) {
        try {
            SERVER.invoke(name, operation, new Object[0], new String[0]);
        } catch (JMException e) {
            throw new IllegalStateException(name + " " + operation, e);
        }
    }
}
