package org.amqpra.wire;

import java.time.Instant;
import java.util.Map;

/**
 * Encodes and decodes method frame payloads: class id, method id, then the arguments by type.
 * Consecutive bit arguments are packed into one octet, least significant bit first (spec 4.2.5.2).
 */
public final class MethodCodec {
    private MethodCodec() {}

    /** Appends the method payload (ids and arguments) to {@code w}. */
    @SuppressWarnings("unchecked")
    public static void encode(AmqpMethod m, WireWriter w) {
        checkArguments(m);
        MethodSpec spec = m.spec();
        w.short16(spec.classId());
        w.short16(spec.methodId());
        int bits = 0;
        int bitCount = 0;
        for (int i = 0; i < spec.arity(); i++) {
            FieldType t = spec.argType(i);
            Object v = m.arg(i);
            if (t == FieldType.BIT) {
                if (bitCount == 8) {
                    w.octet(bits);
                    bits = 0;
                    bitCount = 0;
                }
                if (v != null && (Boolean) v) {
                    bits |= 1 << bitCount;
                }
                bitCount++;
                continue;
            }
            if (bitCount > 0) {
                w.octet(bits);
                bits = 0;
                bitCount = 0;
            }
            switch (t) {
                case OCTET:
                    w.octet(v == null ? 0 : ((Number) v).intValue());
                    break;
                case SHORT:
                    w.short16(v == null ? 0 : ((Number) v).intValue());
                    break;
                case LONG:
                    w.int32(v == null ? 0 : (int) ((Number) v).longValue());
                    break;
                case LONGLONG:
                    w.int64(v == null ? 0 : ((Number) v).longValue());
                    break;
                case SHORTSTR:
                    w.shortStr((String) v);
                    break;
                case LONGSTR:
                    if (v == null) {
                        w.int32(0);
                    } else if (v instanceof String) {
                        w.longStr((String) v);
                    } else {
                        w.longStr((byte[]) v);
                    }
                    break;
                case TIMESTAMP:
                    w.int64(v == null ? 0 : ((Instant) v).getEpochSecond());
                    break;
                case TABLE:
                    FieldTables.write(w, (Map<String, ?>) v);
                    break;
                default:
                    throw new AssertionError(t);
            }
        }
        if (bitCount > 0) {
            w.octet(bits);
        }
    }

    /**
     * Refuses, before anything is written, a numeric argument outside its field's unsigned range
     * or a short string over 255 octets, naming the method and the argument.
     *
     * @throws org.amqpra.InvalidArgumentException for the first argument that does not fit
     */
    public static void checkArguments(AmqpMethod m) {
        MethodSpec spec = m.spec();
        for (int i = 0; i < spec.arity(); i++) {
            Object v = m.arg(i);
            if (v == null) {
                continue;
            }
            FieldType t = spec.argType(i);
            switch (t) {
                case OCTET:
                case SHORT:
                case LONG:
                case LONGLONG:
                    FieldRanges.check(spec.name(), spec.argName(i), t, ((Number) v).longValue());
                    break;
                case TIMESTAMP:
                    FieldRanges.check(spec.name(), spec.argName(i), t, ((Instant) v).getEpochSecond());
                    break;
                case SHORTSTR:
                    FieldRanges.checkShortString(spec.name(), spec.argName(i), (String) v);
                    break;
                default:
                    break;
            }
        }
    }

    /**
     * Decodes a method payload.
     *
     * @throws org.amqpra.FrameSyntaxErrorException for unknown class/method ids or truncated arguments
     */
    public static AmqpMethod decode(WireReader r) {
        int classId = r.short16();
        int methodId = r.short16();
        MethodSpec spec = Methods.lookup(classId, methodId);
        if (spec == null) {
            throw WireReader.syntax("unknown method: class " + classId + ", method " + methodId);
        }
        Object[] args = new Object[spec.arity()];
        int bits = 0;
        int bitIndex = 8;
        for (int i = 0; i < args.length; i++) {
            FieldType t = spec.argType(i);
            if (t == FieldType.BIT) {
                if (bitIndex == 8) {
                    bits = r.octet();
                    bitIndex = 0;
                }
                args[i] = (bits & (1 << bitIndex++)) != 0;
                continue;
            }
            bitIndex = 8;
            switch (t) {
                case OCTET:
                    args[i] = r.octet();
                    break;
                case SHORT:
                    args[i] = r.short16();
                    break;
                case LONG:
                    args[i] = r.uint32();
                    break;
                case LONGLONG:
                    args[i] = r.int64();
                    break;
                case SHORTSTR:
                    args[i] = r.shortStr();
                    break;
                case LONGSTR:
                    args[i] = r.longStr();
                    break;
                case TIMESTAMP:
                    args[i] = FieldTables.timestamp(r.int64());
                    break;
                case TABLE:
                    args[i] = FieldTables.read(r);
                    break;
                default:
                    throw new AssertionError(t);
            }
        }
        return new AmqpMethod(spec, args);
    }
}
