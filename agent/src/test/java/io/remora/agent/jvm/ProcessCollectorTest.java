package io.remora.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCollectorTest {

    private final RecordingWriter writer = new RecordingWriter();
    private static volatile long sink;

    private ProcessCollector collector(Path procStatus) {
        return new ProcessCollector(writer, ManagementFactory.getOperatingSystemMXBean(),
                ManagementFactory.getRuntimeMXBean(), procStatus);
    }

    @Test
    void cpuSecondsIncreaseAfterBurningCpu() {
        ProcessCollector collector = collector(Paths.get("/proc/self/status"));
        collector.collect(writer, 1000);
        double before = writer.value("process_cpu_seconds_total{}");
        long threadCpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long x = 0;
        while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuStart < 200_000_000L) {
            for (int i = 0; i < 100_000; i++) {
                x += i * 31L ^ x;
            }
        }
        sink = x;
        collector.collect(writer, 2000);
        double after = writer.value("process_cpu_seconds_total{}");
        assertTrue(after >= before + 0.15, "cpu seconds " + before + " -> " + after);
    }

    @Test
    void startTimeFdsAndMemoryOfThisProcess() {
        collector(Paths.get("/proc/self/status")).collect(writer, 1000);
        double start = writer.value("process_start_time_seconds{}");
        assertTrue(start > 1.6e9 && start <= System.currentTimeMillis() / 1000.0, "start " + start);
        double open = writer.value("process_open_fds{}");
        assertTrue(open > 0 && open <= writer.value("process_max_fds{}"), "open fds " + open);
        double resident = writer.value("process_resident_memory_bytes{}");
        assertTrue(resident > 10 << 20, "rss " + resident);
        assertTrue(writer.value("process_virtual_memory_bytes{}") >= resident);
    }

    @Test
    void memoryIsReadFromProcStatusInKilobytes(@TempDir Path tmp) throws IOException {
        Path status = Files.writeString(tmp.resolve("status"), "Name:\tjava\nVmSize:\t  2000 kB\nVmRSS:\t  1000 kB\n");
        collector(status).collect(writer, 1000);
        assertEquals(1000 * 1024.0, writer.value("process_resident_memory_bytes{}"));
        assertEquals(2000 * 1024.0, writer.value("process_virtual_memory_bytes{}"));
    }

    @Test
    void withoutProcStatusMemoryIsLeftOutNotZero(@TempDir Path tmp) {
        collector(tmp.resolve("absent")).collect(writer, 1000);
        assertNull(writer.value("process_resident_memory_bytes{}"));
        assertNull(writer.value("process_virtual_memory_bytes{}"));
        assertTrue(writer.value("process_cpu_seconds_total{}") > 0);
    }
}
