package org.amqpra.itapps.client;

import java.util.HashSet;
import java.util.Set;

/** What both suites' undeploy tests assert once an MDB was undeployed while messages flowed. */
public final class UndeployCheck {
    private UndeployCheck() {}

    /**
     * Fails unless the undeploy came mid-stream (at least {@code atLeastProcessed} of {@code n}
     * processed, not all) and every message was either processed or is still on the queue.
     */
    public static void assertNothingLost(Set<String> processed, Set<String> remaining, int n, int atLeastProcessed) {
        if (processed.size() < atLeastProcessed || processed.size() >= n) {
            throw new AssertionError("undeployed mid-stream: " + processed.size() + " of " + n + " processed");
        }
        Set<String> all = new HashSet<>(processed);
        all.addAll(remaining);
        if (all.size() != n) {
            throw new AssertionError("every message was processed or is still on the queue: " + all.size() + " of " + n
                    + " (" + processed.size() + " processed, " + remaining.size() + " remaining)");
        }
    }
}
