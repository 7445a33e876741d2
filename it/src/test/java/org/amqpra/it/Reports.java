package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The reports the test MDBs publish, {@code <message id>|<redelivered>[|...]}, grouped by message
 * id; every second or later report of one id must come from a redelivery.
 */
final class Reports {
    private final Map<String, List<String>> byId = new HashMap<>();

    /** The reports among {@code reports} whose message id {@code ids} accepts. */
    Reports(List<String> reports, Predicate<String> ids) {
        for (String r : reports) {
            String id = r.substring(0, r.indexOf('|'));
            if (ids.test(id)) {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
            }
        }
        for (List<String> rs : byId.values()) {
            long first = rs.stream().filter(r -> r.contains("|false")).count();
            assertTrue(rs.size() == 1 || first <= 1, "a duplicate must be a redelivery: " + rs);
        }
    }

    /** Message ids reported. */
    Map<String, List<String>> byId() {
        return byId;
    }

    /** Distinct message ids reported. */
    int processed() {
        return byId.size();
    }

    /** Reports beyond the first of each message id (all redeliveries). */
    int duplicates() {
        return byId.values().stream().mapToInt(rs -> rs.size() - 1).sum();
    }
}
