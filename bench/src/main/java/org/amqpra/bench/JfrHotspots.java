package org.amqpra.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes the CPU samples ({@code jdk.ExecutionSample}) of a Java Flight Recorder file of an
 * application server: the share of samples by owner (our adapter, the container, the JDK),
 * each sample attributed to the first frame from the top that is not the JDK's (so a JDK lock
 * or collection counts for whoever called it); the methods most often on top; and our methods
 * by inclusive share. {@code java -cp … org.amqpra.bench.JfrHotspots file.jfr [top [Class.method]]}: with a method,
 * also the paths below it (the next {@code -Ddepth=2} frames that are neither the JDK's nor
 * generated proxies'), by inclusive share.
 */
public final class JfrHotspots {
    /** How many frames below the method asked about name a path in "called by". */
    private static final int DEPTH = Integer.getInteger("depth", 2);

    private JfrHotspots() {}

    /** Who a frame belongs to, by its class's package. */
    static String owner(String className) {
        if (className.startsWith("org.amqpra.")) {
            return "adapter (org.amqpra)";
        }
        for (String jdk : List.of("java.", "javax.", "jdk.", "sun.", "com.sun.crypto.", "com.sun.jmx.")) {
            if (className.startsWith(jdk)) {
                return "jdk";
            }
        }
        return "container";
    }

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> byOwner = new LinkedHashMap<>();
        Map<String, Integer> selfTop = new HashMap<>();
        Map<String, Integer> oursInclusive = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> byPackage = new HashMap<>();
        Map<String, Integer> under = new HashMap<>();
        String underMethod = args.length > 2 ? args[2] : null;
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = st.getFrames();
            String thread = e.getThread("sampledThread") == null
                    ? "?"
                    : e.getThread("sampledThread").getJavaName();
            byThread.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "#"), 1, Integer::sum);
            RecordedFrame first = frames.get(0);
            selfTop.merge(name(first), 1, Integer::sum);
            String owner = "jdk";
            String pkg = "jdk";
            for (RecordedFrame f : frames) {
                String o = owner(f.getMethod().getType().getName());
                if (!o.equals("jdk")) {
                    owner = o;
                    pkg = packagePrefix(f.getMethod().getType().getName());
                    break;
                }
            }
            byPackage.merge(pkg, 1, Integer::sum);
            for (int i = frames.size() - 1; underMethod != null && i > 0; i--) {
                if (name(frames.get(i)).equals(underMethod)) {
                    // the next frames down that are not the JDK's or a generated proxy's: who does the work
                    StringBuilder path = new StringBuilder();
                    for (int j = i - 1, shown = 0; j >= 0 && shown < DEPTH; j--) {
                        String type = frames.get(j).getMethod().getType().getName();
                        if (owner(type).equals("jdk") || type.contains("$$")) {
                            continue;
                        }
                        path.append(shown++ == 0 ? "" : " > ").append(name(frames.get(j)));
                    }
                    under.merge(path.length() == 0 ? "(the JDK)" : path.toString(), 1, Integer::sum);
                    break;
                }
            }
            byOwner.merge(owner, 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (f.getMethod().getType().getName().startsWith("org.amqpra.") && seen.add(name(f))) {
                    oursInclusive.merge(name(f), 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d CPU samples%n", args[0], total);
        print("attributed to (first frame from the top that is not the JDK's)", byOwner, total, top);
        print("attributed to package", byPackage, total, 15);
        print("threads", byThread, total, 12);
        if (underMethod != null) {
            print("below " + underMethod, under, total, top);
        }
        print("on top of the stack", selfTop, total, top);
        print("our methods, inclusive", oursInclusive, total, top);
    }

    /** The first three parts of a class's package: who in the container a frame belongs to. */
    private static String packagePrefix(String className) {
        String[] parts = className.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println("\n" + title + ":");
        for (Map.Entry<String, Integer> e : counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .collect(Collectors.toList())) {
            System.out.printf(
                    Locale.ROOT, "  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / total, e.getValue(), e.getKey());
        }
    }
}
