package org.amqpra.jca.management;

/**
 * A readiness verdict with its reason: {@code HEALTHY} (working), {@code DEGRADED} (working with
 * a problem an operator should look at, or paused on purpose), {@code DOWN} (not working).
 */
public record Health(Status status, String reason) {
    /** The three verdicts. */
    public enum Status {
        /** Working. */
        HEALTHY,
        /** Working with a problem, or paused on purpose. */
        DEGRADED,
        /** Not working. */
        DOWN
    }

    /** Working, with nothing to say. */
    public static Health healthy() {
        return new Health(Status.HEALTHY, "");
    }

    /** Working with {@code reason} to look at. */
    public static Health degraded(String reason) {
        return new Health(Status.DEGRADED, reason);
    }

    /** Not working, because of {@code reason}. */
    public static Health down(String reason) {
        return new Health(Status.DOWN, reason);
    }

    /** The worse of this and {@code other} (this one when they are equally bad). */
    public Health worse(Health other) {
        return other.status.compareTo(status) > 0 ? other : this;
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? status.name() : status + ": " + reason;
    }
}
