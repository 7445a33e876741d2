package org.amqpra.jca.management;

import java.time.Instant;

/** The last error an owner met, with its time; read by its MBean. */
public final class LastError {
    private volatile String text = "";
    private volatile long atMillis;

    /** Records {@code text} as the last error, now. */
    public void record(String text) {
        this.atMillis = System.currentTimeMillis();
        this.text = text == null ? "" : text;
    }

    /** The error's text, or empty. */
    public String text() {
        return text;
    }

    /** When it happened (ISO-8601), or empty. */
    public String time() {
        long at = atMillis;
        return at == 0 ? "" : Instant.ofEpochMilli(at).toString();
    }
}
