package org.amqpra.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.AMQImpl;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Checks our method table field by field against an independent source: the RabbitMQ Java
 * client's {@code AMQImpl}, generated from RabbitMQ's own protocol description. Every method's
 * class and method ids, and every argument's name, position and type, must agree, and neither
 * table may have a method the other lacks, so the table cannot drift.
 */
class MethodTableTest {
    private static Class<?> amqImplClass(MethodSpec spec) throws ClassNotFoundException {
        String[] parts = spec.name().split("\\.");
        return Class.forName(AMQImpl.class.getName() + "$" + camel(parts[0], true) + "$" + camel(parts[1], true));
    }

    /** "auto-delete" to "autoDelete" (upper: "AutoDelete"). */
    private static String camel(String dashed, boolean upper) {
        StringBuilder sb = new StringBuilder();
        boolean up = upper;
        for (char c : dashed.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    /** The Java type AMQImpl gives an argument of each AMQP type. */
    private static Class<?> javaType(FieldType t) {
        switch (t) {
            case BIT:
                return boolean.class;
            case OCTET:
            case SHORT:
            case LONG:
                return int.class;
            case LONGLONG:
                return long.class;
            case SHORTSTR:
                return String.class;
            case LONGSTR:
                return LongString.class;
            case TIMESTAMP:
                return Date.class;
            case TABLE:
                return Map.class;
            default:
                throw new AssertionError(t);
        }
    }

    private static List<Field> instanceFields(Class<?> c) {
        List<Field> fields = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f);
            }
        }
        return fields;
    }

    @Test
    void everyMethodMatchesRabbitMqsGeneratedClassFieldByField() throws Exception {
        for (MethodSpec spec : Methods.all()) {
            Class<?> c = amqImplClass(spec);
            assertEquals(spec.methodId(), c.getField("INDEX").getInt(null), spec + ": method id");
            assertEquals(spec.classId(), c.getEnclosingClass().getField("INDEX").getInt(null), spec + ": class id");
            List<Field> fields = instanceFields(c);
            assertEquals(fields.size(), spec.arity(), spec + ": argument count " + fields);
            for (int i = 0; i < spec.arity(); i++) {
                Field f = fields.get(i);
                assertEquals(f.getName(), camel(spec.argName(i), false), spec + ": argument " + i);
                assertEquals(f.getType(), javaType(spec.argType(i)), spec + ": type of " + spec.argName(i));
            }
        }
    }

    @Test
    void theTableHasEveryMethodRabbitMqKnows() {
        Set<String> theirs = new TreeSet<>();
        for (Class<?> amqpClass : AMQImpl.class.getDeclaredClasses()) {
            for (Class<?> method : amqpClass.getDeclaredClasses()) {
                if (!method.isInterface()) {
                    theirs.add(amqpClass.getSimpleName() + "." + method.getSimpleName());
                }
            }
        }
        Set<String> ours = new TreeSet<>();
        for (MethodSpec spec : Methods.all()) {
            String[] parts = spec.name().split("\\.");
            ours.add(camel(parts[0], true) + "." + camel(parts[1], true));
        }
        assertTrue(theirs.size() > 60, "found RabbitMQ's methods: " + theirs);
        assertEquals(theirs, ours);
    }
}
