package org.amqpra.jca;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The class file of the Work that {@link DetachedWork} defines in the Connectors API's own
 * package, written out here (no bytecode library: zero run-time dependencies). Its source
 * would read:
 *
 * <pre>
 * package jakarta.resource.spi.work;
 * public final class AmqpRaDetachedWork implements Work, WorkContextProvider {
 *     private volatile Runnable task;
 *     private final java.util.List contexts;
 *     public AmqpRaDetachedWork(Runnable task, java.util.List contexts) { this.task = task; this.contexts = contexts; }
 *     public void run() { Runnable t = this.task; this.task = null; t.run(); }
 *     public void release() {}
 *     public java.util.List getWorkContexts() { return contexts; }
 * }
 * </pre>
 *
 * It names only JDK and Connectors API types, so it keeps no deployment's class loader alive.
 */
final class DetachedWorkClass {
    static final String PACKAGE = "jakarta/resource/spi/work/";
    static final String NAME = PACKAGE + "AmqpRaDetachedWork";

    private final Map<String, Integer> pool = new LinkedHashMap<>();
    private final List<byte[]> entries = new ArrayList<>();

    private DetachedWorkClass() {}

    /** The class file's bytes. */
    static byte[] bytes() {
        try {
            return new DetachedWorkClass().write();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array stream does not fail
        }
    }

    private byte[] write() throws IOException {
        int thisClass = classRef(NAME);
        int superClass = classRef("java/lang/Object");
        int work = classRef(PACKAGE + "Work");
        int provider = classRef(PACKAGE + "WorkContextProvider");
        int task = fieldRef(NAME, "task", "Ljava/lang/Runnable;");
        int contexts = fieldRef(NAME, "contexts", "Ljava/util/List;");
        int objectInit = methodRef("java/lang/Object", "<init>", "()V", false);
        int runnableRun = methodRef("java/lang/Runnable", "run", "()V", true);
        int code = utf8("Code");

        ByteArrayOutputStream methods = new ByteArrayOutputStream();
        DataOutputStream m = new DataOutputStream(methods);
        // <init>(Runnable, List): aload_0 invokespecial Object.<init>; aload_0 aload_1 putfield task;
        // aload_0 aload_2 putfield contexts; return
        method(m, 0x0001, "<init>", "(Ljava/lang/Runnable;Ljava/util/List;)V", code, 2, 3, new byte[] {
            0x2a,
            (byte) 0xb7,
            hi(objectInit),
            lo(objectInit),
            0x2a,
            0x2b,
            (byte) 0xb5,
            hi(task),
            lo(task),
            0x2a,
            0x2c,
            (byte) 0xb5,
            hi(contexts),
            lo(contexts),
            (byte) 0xb1
        });
        // run(): aload_0 getfield task; astore_1; aload_0 aconst_null putfield task; aload_1 invokeinterface run;
        // return
        method(m, 0x0001, "run", "()V", code, 2, 2, new byte[] {
            0x2a,
            (byte) 0xb4,
            hi(task),
            lo(task),
            0x4c,
            0x2a,
            0x01,
            (byte) 0xb5,
            hi(task),
            lo(task),
            0x2b,
            (byte) 0xb9,
            hi(runnableRun),
            lo(runnableRun),
            0x01,
            0x00,
            (byte) 0xb1
        });
        // release(): return
        method(m, 0x0001, "release", "()V", code, 0, 1, new byte[] {(byte) 0xb1});
        // getWorkContexts(): aload_0 getfield contexts; areturn
        method(m, 0x0001, "getWorkContexts", "()Ljava/util/List;", code, 1, 1, new byte[] {
            0x2a, (byte) 0xb4, hi(contexts), lo(contexts), (byte) 0xb0
        });
        int taskName = utf8("task");
        int taskType = utf8("Ljava/lang/Runnable;");
        int contextsName = utf8("contexts");
        int contextsType = utf8("Ljava/util/List;");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(0xCAFEBABE);
        d.writeShort(0);
        d.writeShort(52); // Java 8: straight-line methods need no stack map frames
        d.writeShort(entries.size() + 1);
        for (byte[] e : entries) {
            d.write(e);
        }
        d.writeShort(0x0001 | 0x0010 | 0x0020); // public final super
        d.writeShort(thisClass);
        d.writeShort(superClass);
        d.writeShort(2);
        d.writeShort(work);
        d.writeShort(provider);
        d.writeShort(2);
        d.writeShort(0x0002 | 0x0040); // private volatile
        d.writeShort(taskName);
        d.writeShort(taskType);
        d.writeShort(0);
        d.writeShort(0x0002 | 0x0010); // private final
        d.writeShort(contextsName);
        d.writeShort(contextsType);
        d.writeShort(0);
        d.writeShort(4);
        d.write(methods.toByteArray());
        d.writeShort(0); // no class attributes
        return out.toByteArray();
    }

    private void method(
            DataOutputStream m,
            int access,
            String name,
            String descriptor,
            int code,
            int stack,
            int locals,
            byte[] bytecode)
            throws IOException {
        m.writeShort(access);
        m.writeShort(utf8(name));
        m.writeShort(utf8(descriptor));
        m.writeShort(1);
        m.writeShort(code);
        m.writeInt(12 + bytecode.length);
        m.writeShort(stack);
        m.writeShort(locals);
        m.writeInt(bytecode.length);
        m.write(bytecode);
        m.writeShort(0); // no exception table
        m.writeShort(0); // no code attributes
    }

    private int add(String key, byte[] entry) {
        Integer index = pool.get(key);
        if (index == null) {
            entries.add(entry);
            index = entries.size();
            pool.put(key, index);
        }
        return index;
    }

    private int utf8(String s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeByte(1);
        d.writeUTF(s);
        return add("U" + s, b.toByteArray());
    }

    private int classRef(String internalName) throws IOException {
        int name = utf8(internalName);
        return add("C" + internalName, new byte[] {7, hi(name), lo(name)});
    }

    private int nameAndType(String name, String descriptor) throws IOException {
        int n = utf8(name);
        int t = utf8(descriptor);
        return add("N" + name + ":" + descriptor, new byte[] {12, hi(n), lo(n), hi(t), lo(t)});
    }

    private int fieldRef(String owner, String name, String descriptor) throws IOException {
        int c = classRef(owner);
        int nt = nameAndType(name, descriptor);
        return add("F" + owner + "." + name, new byte[] {9, hi(c), lo(c), hi(nt), lo(nt)});
    }

    private int methodRef(String owner, String name, String descriptor, boolean onInterface) throws IOException {
        int c = classRef(owner);
        int nt = nameAndType(name, descriptor);
        return add(
                "M" + owner + "." + name + descriptor,
                new byte[] {(byte) (onInterface ? 11 : 10), hi(c), lo(c), hi(nt), lo(nt)});
    }

    private static byte hi(int index) {
        return (byte) (index >>> 8);
    }

    private static byte lo(int index) {
        return (byte) index;
    }
}
