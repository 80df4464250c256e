package io.remora.agent.jvm;

import com.sun.management.UnixOperatingSystemMXBean;
import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.exporter.series.Series;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * client_java's ProcessMetrics: {@code process_cpu_seconds_total}, {@code process_start_time_seconds},
 * {@code process_{open,max}_fds}, {@code process_{resident,virtual}_memory_bytes}. What this
 * platform cannot tell (no /proc, no Unix bean) is left out, never sent as 0.
 */
final class ProcessCollector implements PeriodicCollector {

    private final com.sun.management.OperatingSystemMXBean os;
    private final UnixOperatingSystemMXBean unix;
    private final RuntimeMXBean runtime;
    private final Path procStatus;
    private final Series cpu;
    private final Series startTime;
    private final Series openFds;
    private final Series maxFds;
    private final Series resident;
    private final Series virtual;

    /** @param procStatus {@code /proc/self/status}, or a file shaped like it in tests */
    ProcessCollector(MetricWriter writer, OperatingSystemMXBean os, RuntimeMXBean runtime, Path procStatus) {
        this.os = os instanceof com.sun.management.OperatingSystemMXBean
                ? (com.sun.management.OperatingSystemMXBean) os : null;
        this.unix = os instanceof UnixOperatingSystemMXBean ? (UnixOperatingSystemMXBean) os : null;
        this.runtime = runtime;
        this.procStatus = Files.isReadable(procStatus) ? procStatus : null;
        this.cpu = writer.series("process_cpu_seconds_total");
        this.startTime = writer.series("process_start_time_seconds");
        this.openFds = writer.series("process_open_fds");
        this.maxFds = writer.series("process_max_fds");
        this.resident = writer.series("process_resident_memory_bytes");
        this.virtual = writer.series("process_virtual_memory_bytes");
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        writer.record(startTime, timestampMs, runtime.getStartTime() / 1000.0);
        if (os != null) {
            long cpuNanos = os.getProcessCpuTime();
            if (cpuNanos >= 0) {
                writer.record(cpu, timestampMs, cpuNanos / 1e9);
            }
        }
        if (unix != null) {
            writer.record(openFds, timestampMs, unix.getOpenFileDescriptorCount());
            writer.record(maxFds, timestampMs, unix.getMaxFileDescriptorCount());
        }
        if (procStatus != null) {
            collectMemory(writer, timestampMs);
        }
    }

    /** {@code VmRSS:   123456 kB} and {@code VmSize: ...} lines of /proc/self/status. */
    private void collectMemory(MetricWriter writer, long timestampMs) {
        try (BufferedReader reader = Files.newBufferedReader(procStatus, StandardCharsets.US_ASCII)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("VmRSS:")) {
                    writer.record(resident, timestampMs, kilobytes(line));
                } else if (line.startsWith("VmSize:")) {
                    writer.record(virtual, timestampMs, kilobytes(line));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + procStatus + ": " + e, e);
        }
    }

    private static double kilobytes(String line) {
        String[] fields = line.trim().split("\\s+");
        return Long.parseLong(fields[1]) * 1024.0;
    }
}
