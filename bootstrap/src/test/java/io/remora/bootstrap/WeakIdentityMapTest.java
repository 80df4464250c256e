package io.remora.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

    @Test
    void valuesBelongToTheVeryObjectNotToAnEqualOne() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        String key = new String("statement");
        map.put(key, "SELECT");
        assertEquals("SELECT", map.get(key));
        assertNull(map.get(new String("statement")));
        map.put(key, "INSERT");
        assertEquals("INSERT", map.get(key));
        assertEquals(1, map.size());
    }

    @Test
    void theEntryOfACollectedObjectIsRemovedByTheNextPut() throws InterruptedException {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        Object kept = new Object();
        Object dropped = new Object();
        map.put(dropped, "DELETE");
        WeakReference<Object> watch = new WeakReference<>(dropped);
        dropped = null;
        for (int i = 0; i < 50 && watch.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(watch.get(), "the key was never collected");
        assertEquals(1, map.size(), "collected keys stay until the next put");
        map.put(kept, "SELECT");
        for (int i = 0; i < 50 && map.size() > 1; i++) {
            Thread.sleep(10); // the collector enqueues cleared references on its own thread
            map.put(kept, "SELECT");
        }
        assertEquals(1, map.size());
        assertEquals("SELECT", map.get(kept));
    }

    @Test
    void removeTakesTheValueOfTheVeryObjectOnce() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        String key = new String("command");
        map.put(key, "GET");
        assertNull(map.remove(new String("command")), "an equal object is another key");
        assertEquals("GET", map.remove(key));
        assertNull(map.remove(key));
        assertNull(map.get(key));
        assertEquals(0, map.size());
    }
}
