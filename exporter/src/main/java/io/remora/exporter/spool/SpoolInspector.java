package io.remora.exporter.spool;

import io.remora.proto.Remote;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Reads a spool without changing it, for {@code java -jar remora-agent.jar spool <dir>}: files are
 * opened read-only, nothing is written, truncated or deleted, and the directory lock is never taken
 * over. Whether a writer is active is probed with a shared lock on the lock file, released at once;
 * an active writer holds it exclusively, so the probe fails and the writer keeps it. Meant to run in
 * a process of its own: on Linux, closing any channel on a file drops every lock this JVM holds on
 * it, a writer's in the same JVM included.
 *
 * <p>What a snapshot of a live spool shows: the records on disk at the moment each segment was
 * read. The writer may be appending the last record (seen as a torn tail), deleting segments it has
 * sent (reported as gone), and it saves its read position about once a second, so records sent in
 * the last second may still be listed.
 */
public final class SpoolInspector {

    private SpoolInspector() {
    }

    /**
     * The spools at {@code dir}: {@code dir} itself when it holds one, else its subdirectories that
     * do (the agent's {@code remora.spool.dir} holds one per endpoint), sorted by name.
     */
    public static List<Path> spoolsAt(Path dir) throws IOException {
        if (isSpool(dir)) {
            return List.of(dir);
        }
        List<Path> spools = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path entry : entries) {
                if (isSpool(entry)) {
                    spools.add(entry);
                }
            }
        }
        Collections.sort(spools);
        return spools;
    }

    private static boolean isSpool(Path dir) throws IOException {
        if (Files.exists(dir.resolve(DirectoryLock.FILE)) || Files.exists(dir.resolve(ReadPosition.FILE))) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Segment.seqOf(entry.getFileName().toString()) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What the spool in {@code dir} holds now. */
    public static Snapshot read(Path dir) throws IOException {
        boolean writerActive = writerActive(dir);
        ReadPosition position = ReadPosition.read(dir);
        List<Long> seqs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                long seq = Segment.seqOf(entry.getFileName().toString());
                if (seq >= 0) {
                    seqs.add(seq);
                }
            }
        }
        Collections.sort(seqs);
        List<SegmentView> segments = new ArrayList<>();
        for (long seq : seqs) {
            segments.add(readSegment(dir.resolve(Segment.fileName(seq)), seq, position, writerActive));
        }
        return new Snapshot(dir, Access.of(dir), writerActive, position, segments);
    }

    /** True while another owner holds the directory lock. */
    private static boolean writerActive(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve(DirectoryLock.FILE), StandardOpenOption.READ)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (NoSuchFileException e) {
            return false; // never opened by a writer
        } catch (OverlappingFileLockException e) {
            return true; // held by a spool in this JVM
        }
    }

    private static SegmentView readSegment(Path file, long seq, ReadPosition position, boolean writerActive)
            throws IOException {
        SegmentView view = new SegmentView(file);
        if (position != null && seq < position.segment) {
            view.problems.add("read to the end: deleted when the writer next opens the spool");
            return view;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            view.fileBytes = channel.size();
            long from = position != null && seq == position.segment ? Math.min(position.offset, view.fileBytes) : 0;
            if (from > 0) {
                view.problems.add("the first " + from + " bytes were sent (read position)");
            }
            SegmentScan scan = SegmentScan.scan(channel, from, view.fileBytes, (offset, header) -> {
                byte[] payload = Segment.readPayload(channel, offset, header);
                boolean intact = payload != null && RecordFormat.crc(payload) == header.payloadCrc;
                view.records.add(new RecordView(offset, header, intact));
            });
            for (SegmentScan.Damage damage : scan.damages) {
                view.problems.add((damage.resume - damage.start) + " corrupt bytes at offset " + damage.start
                        + " (skipped when read)");
            }
            for (RecordView record : view.records) {
                if (!record.intact) {
                    view.problems.add("the record at offset " + record.offset + " fails its CRC (dropped when read)");
                }
            }
            if (scan.end < view.fileBytes) {
                view.problems.add((view.fileBytes - scan.end) + " bytes at offset " + scan.end + " are "
                        + (writerActive ? "a record being written, or torn" : "a torn record (cut off when opened)"));
            }
        } catch (NoSuchFileException e) {
            view.problems.add("deleted while being read: the writer sent it meanwhile");
        }
        return view;
    }

    /**
     * The request a record holds, decompressed and parsed.
     *
     * @throws IOException when the segment no longer holds it intact, or it does not decode
     */
    public static Remote.WriteRequest request(SegmentView segment, RecordView record) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.READ)) {
            byte[] payload = Segment.readPayload(channel, record.offset, record.header);
            if (payload == null || RecordFormat.crc(payload) != record.header.payloadCrc) {
                throw new IOException("the record at offset " + record.offset + " of " + segment.fileName()
                        + " is not intact");
            }
            return Remote.WriteRequest.parseFrom(Snappy.uncompress(payload));
        }
    }

    /** One spool directory as read. */
    public static final class Snapshot {
        private final Path directory;
        private final Access access;
        private final boolean writerActive;
        private final ReadPosition position;
        private final List<SegmentView> segments;

        Snapshot(Path directory, Access access, boolean writerActive, ReadPosition position,
                List<SegmentView> segments) {
            this.directory = directory;
            this.access = access;
            this.writerActive = writerActive;
            this.position = position;
            this.segments = Collections.unmodifiableList(segments);
        }

        public Path directory() {
            return directory;
        }

        public Access access() {
            return access;
        }

        /** Another process (or another spool in this JVM) holds the directory lock. */
        public boolean writerActive() {
            return writerActive;
        }

        /** Where the writer resumes reading, {@code <segment file> <offset>}, or null before the first save. */
        public String readPosition() {
            return position == null ? null : Segment.fileName(position.segment) + " offset " + position.offset;
        }

        /** Oldest first. */
        public List<SegmentView> segments() {
            return segments;
        }
    }

    /** Who owns a spool directory, its mode, and whether {@link PrivateDirectory} refuses it. */
    public static final class Access {
        private final String owner;
        private final String mode;
        private final String problem;

        private Access(String owner, String mode, String problem) {
            this.owner = owner;
            this.mode = mode;
            this.problem = problem;
        }

        /**
         * As found, without following a link. Whether the owner is the user an agent would run as is
         * not for the inspector to say: that user runs it, or root does; it is shown instead.
         */
        static Access of(Path dir) throws IOException {
            UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributeView posix =
                    Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            String mode = posix == null ? null : PosixFilePermissions.toString(posix.readAttributes().permissions());
            return new Access(owner.getName(), mode, PrivateDirectory.problem(dir, owner));
        }

        public String owner() {
            return owner;
        }

        /** As {@code rwx------}; null where the file system has no POSIX permissions. */
        public String mode() {
            return mode;
        }

        /** Why an agent refuses the directory, as {@code is ...}; null when it is safe. */
        public String problem() {
            return problem;
        }
    }

    /** One segment file: the records still to send. */
    public static final class SegmentView {
        private final Path file;
        private long fileBytes;
        private final List<RecordView> records = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        SegmentView(Path file) {
            this.file = file;
        }

        public String fileName() {
            return file.getFileName().toString();
        }

        public long fileBytes() {
            return fileBytes;
        }

        /** Intact records from the read position on, and those whose payload fails its CRC. */
        public List<RecordView> records() {
            return Collections.unmodifiableList(records);
        }

        /** Damage, and parts already sent or gone, in words. */
        public List<String> problems() {
            return Collections.unmodifiableList(problems);
        }
    }

    /** One framed request, as its header describes it. */
    public static final class RecordView {
        private final long offset;
        private final RecordFormat.Header header;
        private final boolean intact;

        RecordView(long offset, RecordFormat.Header header, boolean intact) {
            this.offset = offset;
            this.header = header;
            this.intact = intact;
        }

        public long offset() {
            return offset;
        }

        /** Header and payload. */
        public long bytes() {
            return header.framedBytes();
        }

        public int samples() {
            return header.samples;
        }

        public long oldestTimestamp() {
            return header.oldestTs;
        }

        public long newestTimestamp() {
            return header.newestTs;
        }

        /** False when the payload fails its CRC: the spool drops it instead of sending it. */
        public boolean intact() {
            return intact;
        }
    }
}
