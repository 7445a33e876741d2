package org.amqpra.wire;

/**
 * One AMQP method's signature: ids, dotted name, argument names and types, whether it is a
 * synchronous request and whether content (header and body frames) follows it.
 */
public final class MethodSpec {
    private final int classId;
    private final int methodId;
    private final String name;
    private final boolean synchronous;
    private final boolean hasContent;
    private final String[] argNames;
    private final FieldType[] argTypes;

    MethodSpec(int classId, int methodId, String name, boolean synchronous, boolean hasContent, String signature) {
        this.classId = classId;
        this.methodId = methodId;
        this.name = name;
        this.synchronous = synchronous;
        this.hasContent = hasContent;
        String[] parts = signature.isBlank() ? new String[0] : signature.trim().split("\\s+");
        argNames = new String[parts.length];
        argTypes = new FieldType[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int colon = parts[i].indexOf(':');
            argNames[i] = parts[i].substring(0, colon);
            argTypes[i] = FieldType.valueOf(parts[i].substring(colon + 1).toUpperCase());
        }
    }

    /** AMQP class id. */
    public int classId() {
        return classId;
    }

    /** AMQP method id within the class. */
    public int methodId() {
        return methodId;
    }

    /** Dotted name, e.g. {@code queue.declare}. */
    public String name() {
        return name;
    }

    /** True for requests the peer answers with a reply method. */
    public boolean isSynchronous() {
        return synchronous;
    }

    /** True when a content header and body frames follow this method. */
    public boolean hasContent() {
        return hasContent;
    }

    /** Number of arguments. */
    public int arity() {
        return argTypes.length;
    }

    /** Type of argument {@code i}. */
    public FieldType argType(int i) {
        return argTypes[i];
    }

    /** Name of argument {@code i}, as in the spec (e.g. {@code auto-delete}). */
    public String argName(int i) {
        return argNames[i];
    }

    /** Index of the argument called {@code argName}; throws if there is none. */
    public int indexOf(String argName) {
        for (int i = 0; i < argNames.length; i++) {
            if (argNames[i].equals(argName)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no argument " + argName);
    }

    /** Key for lookups: class id in the high 16 bits, method id in the low. */
    int key() {
        return classId << 16 | methodId;
    }

    @Override
    public String toString() {
        return name;
    }
}
