package io.remora.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.junit.jupiter.api.Test;

class MemoryCollectorTest {

    private final RecordingWriter writer = new RecordingWriter();

    @Test
    void heapUsedIsAboveZeroAndAtMostMax() {
        new MemoryCollector(writer, ManagementFactory.getMemoryMXBean(), ManagementFactory.getMemoryPoolMXBeans())
                .collect(writer, 1000);
        double used = writer.value("jvm_memory_used_bytes{area=\"heap\"}");
        double committed = writer.value("jvm_memory_committed_bytes{area=\"heap\"}");
        assertTrue(used > 0, "heap used " + used);
        assertTrue(committed >= used, "committed " + committed + " < used " + used);
        Double max = writer.value("jvm_memory_max_bytes{area=\"heap\"}");
        if (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >= 0) {
            assertTrue(used <= max, "heap used " + used + " > max " + max);
        } else {
            assertNull(max, "an undefined max must be left out");
        }
        assertTrue(writer.value("jvm_memory_used_bytes{area=\"nonheap\"}") > 0);
        assertNotNull(writer.value("jvm_memory_objects_pending_finalization{}"));
    }

    @Test
    void everyPoolHasItsUsageAndHeapPoolsTheirAfterCollectionUsage() {
        new MemoryCollector(writer, ManagementFactory.getMemoryMXBean(), ManagementFactory.getMemoryPoolMXBeans())
                .collect(writer, 1000);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String label = "{pool=\"" + pool.getName() + "\"}";
            assertNotNull(writer.value("jvm_memory_pool_used_bytes" + label), pool.getName());
            assertNotNull(writer.value("jvm_memory_pool_committed_bytes" + label), pool.getName());
            if (pool.getType() == MemoryType.HEAP) {
                assertNotNull(writer.value("jvm_memory_pool_collection_used_bytes" + label), pool.getName());
            }
            if (pool.getUsage().getMax() < 0) {
                assertNull(writer.value("jvm_memory_pool_max_bytes" + label), pool.getName());
            }
        }
        assertFalse(writer.startingWith("jvm_memory_pool_used_bytes").isEmpty());
    }
}
