package io.remora.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.BufferPoolMXBean;
import java.nio.ByteBuffer;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmallCollectorsTest {

    private final RecordingWriter writer = new RecordingWriter();

    @Test
    void classesLoaded() {
        new ClassLoadingCollector(writer, ManagementFactory.getClassLoadingMXBean()).collect(writer, 1000);
        double current = writer.value("jvm_classes_currently_loaded{}");
        assertTrue(current > 100, "classes loaded " + current);
        assertTrue(writer.value("jvm_classes_loaded_total{}") >= current);
        assertTrue(writer.value("jvm_classes_unloaded_total{}") >= 0);
    }

    @Test
    void directBufferShowsInItsPool() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        new BufferPoolCollector(writer, ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)).collect(writer, 1000);
        assertTrue(writer.value("jvm_buffer_pool_used_buffers{pool=\"direct\"}") >= 1);
        assertTrue(writer.value("jvm_buffer_pool_capacity_bytes{pool=\"direct\"}") >= buffer.capacity());
        assertTrue(writer.value("jvm_buffer_pool_used_bytes{pool=\"direct\"}") >= buffer.capacity());
    }

    @Test
    void compilationTime() {
        new CompilationCollector(writer, ManagementFactory.getCompilationMXBean()).collect(writer, 1000);
        assertTrue(writer.value("jvm_compilation_time_seconds_total{}") > 0);
    }

    @Test
    void runtimeInfoCarriesVersionVendorAndRuntime() {
        Properties system = new Properties();
        system.setProperty("java.runtime.version", "17.0.15+6");
        system.setProperty("java.vm.vendor", "Debian");
        system.setProperty("java.runtime.name", "OpenJDK Runtime Environment");
        new RuntimeInfoCollector(writer, system).collect(writer, 1000);
        assertEquals(1.0, writer.value(
                "jvm_runtime_info{runtime=\"OpenJDK Runtime Environment\",vendor=\"Debian\",version=\"17.0.15+6\"}"));
    }

    @Test
    void cpuCountAndRecentUtilization() {
        new CpuCollector(writer, ManagementFactory.getOperatingSystemMXBean()).collect(writer, 1000);
        assertEquals((double) Runtime.getRuntime().availableProcessors(), writer.value("jvm_cpu_count{}"));
        Double utilization = writer.value("jvm_cpu_recent_utilization_ratio{}");
        if (utilization != null) {
            assertTrue(utilization >= 0 && utilization <= 1, "utilization " + utilization);
        }
    }

    @Test
    void unavailableValuesAreLeftOut() {
        new BufferPoolCollector(writer, java.util.List.of()).collect(writer, 1000);
        assertNull(writer.value("jvm_buffer_pool_used_buffers{pool=\"direct\"}"));
    }
}
