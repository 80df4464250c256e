package io.remora.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Runs the GC collectors against this JVM's collectors; System.gc() makes them move. */
class GcCollectorsTest {

    private final RecordingWriter writer = new RecordingWriter();
    private static volatile Object sink;

    @Test
    void systemGcProducesAPauseObservation() throws InterruptedException {
        GcPauseCollector collector = new GcPauseCollector(ManagementFactory.getGarbageCollectorMXBeans());
        try {
            System.gc();
            // notifications arrive on the JVM's own thread, shortly after the collection
            awaitTrue(() -> {
                collector.collect(writer, 2000);
                return !writer.startingWith("jvm_gc_duration_seconds_count").isEmpty();
            });
            Map<String, Double> counts = writer.startingWith("jvm_gc_duration_seconds_count");
            String key = counts.keySet().iterator().next();
            String labels = key.substring(key.indexOf('{') + 1, key.length() - 1);
            assertTrue(labels.startsWith("jvm_gc_action=\""), labels);
            assertTrue(labels.contains("jvm_gc_name=\""), labels);
            double count = counts.get(key);
            assertTrue(count >= 1, "count " + count);
            assertTrue(writer.value("jvm_gc_duration_seconds_sum{" + labels + "}") >= 0);
            double previous = 0;
            for (String le : new String[] {"0.01", "0.1", "1.0", "10.0", "+Inf"}) {
                double bucket = writer.value("jvm_gc_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"}");
                assertTrue(bucket >= previous, "buckets must be cumulative at le=" + le);
                previous = bucket;
            }
            assertEquals(count, previous, "+Inf bucket equals the count");
        } finally {
            collector.close();
        }
    }

    @Test
    void collectionTimeCountsEveryCollector() {
        GcTimeCollector collector = new GcTimeCollector(writer, ManagementFactory.getGarbageCollectorMXBeans());
        System.gc();
        collector.collect(writer, 1000);
        Map<String, Double> counts = writer.startingWith("jvm_gc_collection_seconds_count{gc=");
        assertEquals(ManagementFactory.getGarbageCollectorMXBeans().size(), counts.size());
        assertTrue(counts.values().stream().mapToDouble(Double::doubleValue).sum() >= 1, counts.toString());
        assertFalse(writer.startingWith("jvm_gc_collection_seconds_sum{gc=").isEmpty());
    }

    @Test
    void allocationIsCountedFromGcNotifications() throws InterruptedException {
        AllocationCollector collector = new AllocationCollector(writer, ManagementFactory.getGarbageCollectorMXBeans());
        try {
            for (int i = 0; i < 200; i++) {
                sink = new byte[64 * 1024];
            }
            System.gc();
            awaitTrue(() -> {
                collector.collect(writer, 1000);
                return writer.startingWith("jvm_memory_pool_allocated_bytes_total").values().stream()
                        .anyMatch(v -> v > 0);
            });
        } finally {
            collector.close();
        }
    }

    @Test
    void allocationCountsGrowthBetweenAndDuringCollectionsOnly() {
        AllocationCollector collector = new AllocationCollector(writer, ManagementFactory.getGarbageCollectorMXBeans());
        try {
            collector.count("eden", 100, 0);    // 100 allocated since start, emptied
            collector.count("eden", 70, 0);     // 70 more
            collector.count("old", 0, 40);      // promoted during a collection
            collector.count("old", 40, 30);     // shrank: nothing
            collector.collect(writer, 1000);
            assertEquals(170.0, writer.value("jvm_memory_pool_allocated_bytes_total{pool=\"eden\"}"));
            assertEquals(40.0, writer.value("jvm_memory_pool_allocated_bytes_total{pool=\"old\"}"));
        } finally {
            collector.close();
        }
    }

    /** Waits up to 10 s for something the JVM does asynchronously; fails the test if it never happens. */
    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
