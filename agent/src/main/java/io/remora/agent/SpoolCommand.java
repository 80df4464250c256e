package io.remora.agent;

import io.remora.exporter.ring.SampleValues;
import io.remora.exporter.spool.SpoolInspector;
import io.remora.exporter.spool.SpoolInspector.Access;
import io.remora.exporter.spool.SpoolInspector.RecordView;
import io.remora.exporter.spool.SpoolInspector.SegmentView;
import io.remora.exporter.spool.SpoolInspector.Snapshot;
import io.remora.proto.Remote;
import io.remora.proto.Types;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;

/**
 * {@code java -jar remora-agent.jar spool <dir> [--dump]}: each segment of the spool (or of each
 * endpoint's spool under the agent's {@code remora.spool.dir}) with its records, samples, bytes and
 * oldest and newest sample time, after the directory's owner and mode (flagged when an agent would
 * refuse it); {@code --dump} adds every sample, one a line, as
 * {@code name{labels} value timestamp-ms} like {@code promtool tsdb dump}. Read-only.
 */
public final class SpoolCommand {

    static final String USAGE = "usage: java -jar remora-agent.jar spool <dir> [--dump]";
    private static final String COLUMNS = "%-26s %8s %10s %12s  %-24s  %-24s%n";

    private final PrintStream out;
    private final boolean dump;

    private SpoolCommand(PrintStream out, boolean dump) {
        this.out = out;
        this.dump = dump;
    }

    /** Called through the agent class loader by the jar's main; {@code args[0]} is {@code spool}. */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** @return the process exit code: 0 listed, 1 cannot read, 2 bad usage */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean dump = args.length == 3 && args[2].equals("--dump");
        if (args.length < 2 || args.length > 3 || !args[0].equals("spool") || (args.length == 3 && !dump)) {
            err.println(USAGE);
            return 2;
        }
        Path dir = Paths.get(args[1]);
        try {
            if (!Files.isDirectory(dir)) {
                err.println("remora: " + dir + " is not a directory");
                return 1;
            }
            List<Path> spools = SpoolInspector.spoolsAt(dir);
            if (spools.isEmpty()) {
                err.println("remora: no spool in " + dir);
                return 1;
            }
            SpoolCommand command = new SpoolCommand(out, dump);
            for (Path spool : spools) {
                command.print(SpoolInspector.read(spool));
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("remora: cannot read the spool in " + dir + ": " + e);
            return 1;
        }
    }

    private void print(Snapshot snapshot) throws IOException {
        out.println("spool " + snapshot.directory());
        printAccess(snapshot.access());
        out.println(snapshot.writerActive()
                ? "writer: active (another process holds the lock): a snapshot, read without locking; the writer"
                        + " may be appending the last record, and it saves its read position about once a second,"
                        + " so requests sent in the last second may still be listed"
                : "writer: none (the directory is not locked)");
        String position = snapshot.readPosition();
        out.println("read position: " + (position == null ? "none saved (reading starts at the oldest segment)" : position));
        out.printf(COLUMNS, "segment", "records", "samples", "bytes", "oldest", "newest");
        Totals all = new Totals();
        long fileBytes = 0;
        for (SegmentView segment : snapshot.segments()) {
            Totals totals = new Totals();
            segment.records().forEach(totals::add);
            all.add(totals);
            fileBytes += segment.fileBytes();
            printRow(segment.fileName(), totals, segment.fileBytes());
            for (String problem : segment.problems()) {
                out.println("  " + problem);
            }
            if (dump) {
                dump(segment);
            }
        }
        printRow("total", all, fileBytes);
        out.println();
    }

    /** The owner and mode, and why an agent would refuse the directory: another user could plant segments in it. */
    private void printAccess(Access access) {
        out.println("directory: owner " + access.owner() + ", mode "
                + (access.mode() == null ? "unknown (no POSIX permissions)" : access.mode()));
        if (access.problem() != null) {
            out.println("UNSAFE: the directory " + access.problem() + ": the agent refuses it and sends nothing in it");
        }
    }

    private void printRow(String name, Totals totals, long bytes) {
        out.printf(COLUMNS, name, totals.records, totals.samples, bytes, time(totals.oldest), time(totals.newest));
    }

    private void dump(SegmentView segment) throws IOException {
        for (RecordView record : segment.records()) {
            out.println("# record at offset " + record.offset() + ": " + record.samples() + " samples, "
                    + record.bytes() + " bytes");
            if (!record.intact()) {
                out.println("# not shown: fails its CRC");
                continue;
            }
            Remote.WriteRequest request;
            try {
                request = SpoolInspector.request(segment, record);
            } catch (IOException e) {
                out.println("# not shown: " + e.getMessage());
                continue;
            }
            for (Types.TimeSeries series : request.getTimeseriesList()) {
                String name = seriesName(series);
                for (Types.Sample sample : series.getSamplesList()) {
                    out.println(name + " " + value(sample.getValue()) + " " + sample.getTimestamp());
                }
            }
        }
    }

    /** {@code name{a="1",b="2"}}, the labels in the order sent (sorted by name, as remote-write requires). */
    static String seriesName(Types.TimeSeries series) {
        String name = "";
        StringBuilder labels = new StringBuilder();
        for (Types.Label label : series.getLabelsList()) {
            if (label.getName().equals("__name__")) {
                name = label.getValue();
                continue;
            }
            labels.append(labels.length() == 0 ? "{" : ",").append(label.getName()).append("=\"")
                    .append(label.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
        }
        return labels.length() == 0 ? name : name + labels + "}";
    }

    /** As Prometheus writes values: integers without a fraction, {@code +Inf}, {@code NaN}, {@code StaleNaN}. */
    static String value(double value) {
        if (Double.isNaN(value)) {
            return Double.doubleToRawLongBits(value) == SampleValues.STALE_NAN_BITS ? "StaleNaN" : "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String time(long millis) {
        return millis == Long.MAX_VALUE || millis == Long.MIN_VALUE ? "-" : Instant.ofEpochMilli(millis).toString();
    }

    private static final class Totals {
        long records;
        long samples;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;

        void add(RecordView record) {
            records++;
            samples += record.samples();
            oldest = Math.min(oldest, record.oldestTimestamp());
            newest = Math.max(newest, record.newestTimestamp());
        }

        void add(Totals other) {
            records += other.records;
            samples += other.samples;
            oldest = Math.min(oldest, other.oldest);
            newest = Math.max(newest, other.newest);
        }
    }
}
