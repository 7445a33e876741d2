package org.amqpra.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShortStringCacheTest {

    @Test
    void repeatedBytesGiveTheSameStringAndOthersTheirOwn() {
        ShortStringCache c = new ShortStringCache();
        byte[] a = "xxorders.createdyy".getBytes(StandardCharsets.UTF_8);
        String first = c.get(a, 2, 14);
        assertEquals("orders.created", first);
        assertSame(first, c.get(a, 2, 14), "a repeat is served from the cache");
        for (int i = 0; i < 200; i++) {
            byte[] other = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            assertEquals("key-" + i, c.get(other, 0, other.length), "slot reuse never returns a wrong string");
        }
        byte[] utf8 = "héllo".getBytes(StandardCharsets.UTF_8);
        assertEquals("héllo", c.get(utf8, 0, utf8.length));
    }
}
