package org.amqpra.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A decoded or to-be-encoded method: its {@link MethodSpec} and argument values in wire order.
 * Values: bit - Boolean; octet, short - Integer; long, longlong - Long; shortstr - String;
 * longstr - byte[] (String accepted when writing); timestamp - Instant; table - Map.
 */
public final class AmqpMethod {
    private final MethodSpec spec;
    private final Object[] args;

    /** A method with its arguments; the count must match the spec. */
    public AmqpMethod(MethodSpec spec, Object... args) {
        if (args.length != spec.arity()) {
            throw new IllegalArgumentException(spec + " takes " + spec.arity() + " arguments, got " + args.length);
        }
        this.spec = spec;
        this.args = args;
    }

    /** The signature. */
    public MethodSpec spec() {
        return spec;
    }

    /** True if this is {@code s}. */
    public boolean is(MethodSpec s) {
        return spec == s;
    }

    /** Raw argument {@code i}. */
    public Object arg(int i) {
        return args[i];
    }

    /** Argument by spec name. */
    public Object arg(String name) {
        return args[spec.indexOf(name)];
    }

    /** String argument by name. */
    public String str(String name) {
        Object v = arg(name);
        return v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : (String) v;
    }

    /** Integer-valued argument by name (octet, short, long, longlong). */
    public long num(String name) {
        return ((Number) arg(name)).longValue();
    }

    /** Bit argument by name. */
    public boolean bit(String name) {
        return (Boolean) arg(name);
    }

    /** Table argument by name. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> table(String name) {
        return (Map<String, Object>) arg(name);
    }

    /** Long-string argument by name, as bytes. */
    public byte[] bytes(String name) {
        Object v = arg(name);
        return v instanceof String ? ((String) v).getBytes(StandardCharsets.UTF_8) : (byte[]) v;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(spec.name()).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = args[i];
            // Long strings carry SASL responses and secrets: never print their content.
            sb.append(spec.argName(i))
                    .append('=')
                    .append(
                            spec.argType(i) == FieldType.LONGSTR
                                    ? "<" + (v == null ? 0 : bytes(spec.argName(i)).length) + " bytes>"
                                    : v instanceof Object[] ? Arrays.toString((Object[]) v) : v);
        }
        return sb.append(')').toString();
    }
}
