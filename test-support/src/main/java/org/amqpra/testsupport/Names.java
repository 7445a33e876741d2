package org.amqpra.testsupport;

import java.util.UUID;

/** Unique entity names so tests never collide with each other or with earlier runs. */
public final class Names {
    private Names() {}

    /** A unique name with a readable prefix. */
    public static String unique(String prefix) {
        return "amqpra-test." + prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
