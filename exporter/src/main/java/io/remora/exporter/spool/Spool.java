package io.remora.exporter.spool;

import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.selfmetrics.SpoolGauge;
import io.remora.log.Log;
import io.remora.log.RateLimitedLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One endpoint's on-disk FIFO of compressed remote-write requests, in its own directory: segment
 * files named by an increasing sequence number, rolled at {@link SpoolSettings#segmentBytes()},
 * deleted once read to the end. Records are framed as {@link RecordFormat} says.
 *
 * <p>Reading is peek, send, {@link #commit}: a record stays until it is committed, so a request
 * that fails is sent again, and one in flight when the process stops is sent by the next run.
 *
 * <p>Durability: appended records are forced to disk at most about once per second, and the read
 * position is saved (atomically) at most about once per second, and on {@link #close()}. So a
 * process crash loses nothing appended (it is in the OS page cache) and sends again the requests
 * committed in the last second or so; a machine crash can also lose about the last second of
 * appends.
 *
 * <p>Limits: past {@link SpoolSettings#maxBytes()} the oldest segments are dropped; a record with a
 * sample older than {@link SpoolSettings#maxAge()} is dropped, never returned. Damage found on
 * open or on read is cut off or skipped. Every loss is logged and reported to {@link SpoolEvents};
 * no method throws once the spool is open. Thread-safe.
 */
public final class Spool implements SpoolGauge, Closeable {

    private static final long SYNC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final DirectoryLock lock;
    private final Path dir;
    private final SpoolSettings settings;
    private final SpoolEvents events;
    private final LongSupplier clock;
    private final FileOpener files;
    /** Oldest first: reading happens in the first, appending in the last. */
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private final RateLimitedLog fullLog = new RateLimitedLog(Log.Level.WARN, LOG_PERIOD_NANOS);
    private final RateLimitedLog oldLog = new RateLimitedLog(Log.Level.WARN, LOG_PERIOD_NANOS);
    private final RateLimitedLog ioLog = new RateLimitedLog(Log.Level.ERROR, LOG_PERIOD_NANOS);

    /** Null until the first append, and after the segment appended to is dropped or read to the end. */
    private Segment writeSegment;
    /** Offset of the next record to read in the first segment. */
    private long readOffset;
    /** The record {@link #peek()} returned, until committed or dropped. */
    private SpoolRecord head;
    private long nextSeq;
    private long sizeBytes;
    private long unreadRecords;
    private boolean dataDirty;
    private boolean positionDirty;
    private long lastSyncNanos = System.nanoTime();
    private boolean closed;

    private Spool(DirectoryLock lock, SpoolSettings settings, SpoolEvents events, LongSupplier clock,
            FileOpener files) {
        this.lock = lock;
        this.dir = lock.directory();
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.files = files;
    }

    /**
     * Locks the directory (or a sibling, when another owner holds it), and takes up whatever an
     * earlier run left there.
     *
     * @throws IOException with a message naming the directory when it cannot be used: the caller
     *     then runs without a spool
     */
    public static Spool open(SpoolSettings settings, SpoolEvents events) throws IOException {
        return open(settings, events, System::currentTimeMillis, FileOpener.DEFAULT);
    }

    static Spool open(SpoolSettings settings, SpoolEvents events, LongSupplier clock, FileOpener files)
            throws IOException {
        return open(DirectoryLock.acquire(settings.directory()), settings, events, clock, files);
    }

    /** Opens the spool in the directory {@code lock} holds, which may not be the settings' own (an adopted one). */
    static Spool open(DirectoryLock lock, SpoolSettings settings, SpoolEvents events) throws IOException {
        return open(lock, settings, events, System::currentTimeMillis, FileOpener.DEFAULT);
    }

    private static Spool open(DirectoryLock lock, SpoolSettings settings, SpoolEvents events, LongSupplier clock,
            FileOpener files) throws IOException {
        try {
            Spool spool = new Spool(lock, settings, events, clock, files);
            spool.recover();
            return spool;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw new IOException("spool directory " + lock.directory() + " cannot be used: " + e, e);
        }
    }

    /** The directory in use: the one configured, or a sibling when that one was taken. */
    public Path directory() {
        return dir;
    }

    /**
     * Adds a request at the end. When it cannot be kept (older than max-age, larger than max-size,
     * a write error) it is dropped and reported; to make room, the oldest segments are dropped.
     *
     * @return the record's {@link SpoolRecord#position() position}, or -1 when it was dropped
     */
    public synchronized long append(byte[] body, int samples, long oldestTs, long newestTs) {
        if (closed) {
            events.dropped(DropReason.SHUTDOWN, samples);
            return -1;
        }
        long cutoff = cutoff();
        if (oldestTs < cutoff) {
            droppedTooOld(samples);
            return -1;
        }
        dropSegmentsOlderThan(cutoff);
        long framed = RecordFormat.HEADER_BYTES + (long) body.length;
        if (framed > settings.maxBytes()) {
            events.dropped(DropReason.SPOOL_FULL, samples);
            fullLog.log("spool " + dir + ": a request of " + framed + " bytes is larger than the spool's max size "
                    + settings.maxBytes() + ": dropped its " + samples + " samples");
            return -1;
        }
        while (sizeBytes + framed > settings.maxBytes() && !segments.isEmpty()) {
            dropFirstSegment(DropReason.SPOOL_FULL);
        }
        Segment segment = null;
        long at = -1;
        try {
            segment = segmentFor(framed);
            at = segment.size;
            write(segment.channel(), at, RecordFormat.header(body, samples, oldestTs, newestTs),
                    ByteBuffer.wrap(body));
        } catch (IOException e) {
            undoWrite(segment, at);
            events.dropped(DropReason.SPOOL_WRITE_FAILED, samples);
            ioLog.log("spool " + dir + ": cannot write (" + e + "): dropped " + samples + " samples");
            return -1;
        }
        segment.size = at + framed;
        segment.unreadRecords++;
        segment.unreadSamples += samples;
        segment.newestTs = Math.max(segment.newestTs, newestTs);
        sizeBytes += framed;
        unreadRecords++;
        dataDirty = true;
        syncIfDue();
        return (segment.seq << 32) | at;
    }

    /**
     * The oldest record not yet committed, the same one until it is committed or dropped; null
     * when the spool is empty. Records older than max-age and damaged ones are dropped on the way.
     */
    public synchronized SpoolRecord peek() {
        if (closed) {
            return null;
        }
        long cutoff = cutoff();
        dropSegmentsOlderThan(cutoff);
        while (head == null || head.oldestTimestamp() < cutoff) {
            if (head != null) {
                droppedTooOld(head.samples());
                consume(head.samples(), head.framedBytes());
            }
            Segment segment = segments.peekFirst();
            if (segment == null) {
                return null;
            }
            Long resume = segment.skips.get(readOffset);
            if (resume != null) {
                readOffset = resume;
            } else if (readOffset >= segment.size) {
                removeFirstSegment();
            } else {
                try {
                    head = read(segment);
                } catch (ClosedChannelException e) {
                    return null; // the calling thread was interrupted: the next peek reads it again
                }
            }
        }
        return head;
    }

    /**
     * Removes {@code record}, which was sent or refused for good. Does nothing, and returns false,
     * when it is no longer the oldest record (dropped meanwhile for size or age).
     */
    public synchronized boolean commit(SpoolRecord record) {
        if (head == null || head.position() != record.position()) {
            return false;
        }
        consume(head.samples(), head.framedBytes());
        syncIfDue();
        return true;
    }

    /** True when every record has been committed or dropped. */
    public synchronized boolean isEmpty() {
        return unreadRecords == 0;
    }

    @Override
    public synchronized long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public synchronized OptionalLong oldestTimestamp() {
        SpoolRecord oldest = peek();
        return oldest == null ? OptionalLong.empty() : OptionalLong.of(oldest.oldestTimestamp());
    }

    /** Forces appends to disk and saves the read position, if a second has passed since the last time. */
    public synchronized void syncIfDue() {
        long now = System.nanoTime();
        if (now - lastSyncNanos >= SYNC_INTERVAL_NANOS) {
            lastSyncNanos = now;
            sync();
        }
    }

    /** Forces appends, saves the read position, and releases the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        sync();
        closed = true;
        head = null;
        for (Segment segment : segments) {
            segment.closeChannel();
        }
        try {
            lock.close();
        } catch (IOException e) {
            Log.warn("spool " + dir + ": cannot release the directory lock: " + e);
        }
    }

    /**
     * Closes a spool adopted from a process that is gone ({@link OrphanedSpools}); once it was
     * sent to the end, a {@code -<pid>} sibling is removed as well, so that it is not scanned again.
     * The configured directory itself is left for the next run.
     */
    public synchronized void closeAdopted(SpoolSettings settings) {
        boolean sentToTheEnd = unreadRecords == 0 && head == null;
        close();
        if (!sentToTheEnd || !OrphanedSpools.isSiblingName(dir.getFileName().toString(),
                settings.directory().getFileName().toString())) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            Log.debug("spool " + dir + ": cannot remove the adopted directory once sent: " + e);
        }
    }

    // --- opening ---------------------------------------------------------------------------------

    private void recover() throws IOException {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                long seq = Segment.seqOf(entry.getFileName().toString());
                if (seq >= 0) {
                    found.add(seq);
                }
            }
        }
        Collections.sort(found);
        ReadPosition position = ReadPosition.read(dir);
        nextSeq = position == null ? 0 : position.segment + 1;
        for (long seq : found) {
            nextSeq = Math.max(nextSeq, seq + 1);
            Segment segment = new Segment(seq, dir, files);
            if (position != null && seq < position.segment) {
                Files.delete(segment.path); // read to the end by an earlier run, which stopped before deleting it
                continue;
            }
            long from = position != null && seq == position.segment ? position.offset : 0;
            recoverSegment(segment, from);
        }
        if (unreadRecords > 0) {
            Log.info("spool " + dir + ": " + unreadRecords + " requests (" + sizeBytes + " bytes in "
                    + segments.size() + " segments) left by an earlier run will be sent first");
        }
        positionDirty = true;
    }

    /** Checks a segment an earlier run left, cuts off a damaged tail, and queues what is intact. */
    private void recoverSegment(Segment segment, long from) throws IOException {
        segment.sealed = true;
        long fileSize = Files.size(segment.path);
        long start = Math.min(from, fileSize);
        SegmentScan scan = SegmentScan.scan(segment.channel(), start, fileSize);
        long lost = scan.tailSamples;
        for (SegmentScan.Damage damage : scan.damages) {
            segment.skips.put(damage.start, damage.resume);
            lost += damage.knownSamples;
            events.damaged();
            Log.warn("spool " + dir + ": " + segment.path.getFileName() + ": skipped " + (damage.resume - damage.start)
                    + " corrupt bytes at offset " + damage.start + describeLoss(damage.knownSamples));
        }
        if (scan.end < fileSize) {
            events.damaged();
            Log.warn("spool " + dir + ": " + segment.path.getFileName() + ": cut off a torn or corrupt record of "
                    + (fileSize - scan.end) + " bytes at offset " + scan.end + " (a write the process did not finish)"
                    + describeLoss(scan.tailSamples));
            truncate(segment, scan.end);
        }
        if (lost > 0) {
            events.dropped(DropReason.SPOOL_CORRUPT, lost);
        }
        segment.closeChannel();
        if (scan.records == 0) {
            Files.delete(segment.path);
            return;
        }
        if (segments.isEmpty()) {
            readOffset = start;
        }
        segment.size = scan.end;
        segment.unreadRecords = scan.records;
        segment.unreadSamples = scan.samples;
        segment.newestTs = scan.newestTs;
        segments.addLast(segment);
        sizeBytes += scan.end;
        unreadRecords += scan.records;
    }

    private void truncate(Segment segment, long end) {
        try {
            segment.channel().truncate(end);
        } catch (IOException e) {
            // the bytes past the end are never read; the next open tries again
            Log.warn("spool " + dir + ": cannot truncate " + segment.path.getFileName() + ": " + e);
        }
    }

    private static String describeLoss(long samples) {
        return samples > 0 ? ", losing " + samples + " samples" : "";
    }

    // --- reading ---------------------------------------------------------------------------------

    /** The record at the read offset of {@code segment}; null after dropping damage there. */
    private SpoolRecord read(Segment segment) throws ClosedChannelException {
        try {
            FileChannel channel = segment.channel();
            RecordFormat.Header header = Segment.readHeader(channel, readOffset, segment.size);
            if (header == null || readOffset + header.framedBytes() > segment.size) {
                resyncAfterDamage(segment);
                return null;
            }
            byte[] payload = Segment.readPayload(channel, readOffset, header);
            if (payload == null || RecordFormat.crc(payload) != header.payloadCrc) {
                events.damaged();
                events.dropped(DropReason.SPOOL_CORRUPT, header.samples);
                Log.warn("spool " + dir + ": " + segment.path.getFileName() + ": the record at offset " + readOffset
                        + " is corrupt (CRC mismatch): dropped its " + header.samples + " samples");
                consume(header.samples, header.framedBytes());
                return null;
            }
            return new SpoolRecord((segment.seq << 32) | readOffset, payload, header.samples, header.oldestTs,
                    header.newestTs, header.framedBytes());
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            events.damaged();
            events.dropped(DropReason.SPOOL_CORRUPT, segment.unreadSamples);
            Log.error("spool " + dir + ": cannot read " + segment.path.getFileName() + " (" + e + "): dropped its "
                    + segment.unreadSamples + " unread samples");
            removeFirstSegment();
            return null;
        }
    }

    /**
     * A header that was intact when it was written or checked on open is not any more: walk on to
     * the next intact record, and count what the walk no longer finds.
     */
    private void resyncAfterDamage(Segment segment) throws IOException {
        SegmentScan scan = SegmentScan.scan(segment.channel(), readOffset, segment.size);
        long resume = scan.damages.isEmpty() ? scan.end : scan.damages.get(0).resume;
        events.damaged();
        long lost = segment.unreadSamples - scan.samples;
        if (lost > 0) {
            events.dropped(DropReason.SPOOL_CORRUPT, lost);
        }
        Log.warn("spool " + dir + ": " + segment.path.getFileName() + ": skipped " + (resume - readOffset)
                + " corrupt bytes at offset " + readOffset + describeLoss(lost));
        for (SegmentScan.Damage damage : scan.damages) {
            segment.skips.put(damage.start, damage.resume);
        }
        if (scan.end < segment.size) {
            segment.sealed = true; // appends must not follow bytes a reader cannot get past
            sizeBytes -= segment.size - scan.end;
            segment.size = scan.end;
        }
        unreadRecords -= segment.unreadRecords - scan.records;
        segment.unreadRecords = scan.records;
        segment.unreadSamples = scan.samples;
        readOffset = resume;
    }

    /** Steps past the record at the read offset; deletes the segment once it is read to the end. */
    private void consume(int samples, long framedBytes) {
        Segment segment = segments.getFirst();
        head = null;
        readOffset += framedBytes;
        segment.unreadRecords--;
        segment.unreadSamples -= samples;
        unreadRecords--;
        positionDirty = true;
        if (readOffset >= segment.size) {
            removeFirstSegment();
        }
    }

    // --- dropping --------------------------------------------------------------------------------

    private long cutoff() {
        return clock.getAsLong() - settings.maxAge().toMillis();
    }

    private void droppedTooOld(long samples) {
        events.dropped(DropReason.TOO_OLD, samples);
        logTooOld(samples);
    }

    private void logTooOld(long samples) {
        oldLog.log("spool " + dir + ": dropped " + samples + " samples older than the spool's max age "
                + settings.maxAge());
    }

    /** Whole segments whose newest sample is past max-age, without reading them. */
    private void dropSegmentsOlderThan(long cutoff) {
        while (!segments.isEmpty() && segments.getFirst().newestTs < cutoff) {
            dropFirstSegment(DropReason.TOO_OLD);
        }
    }

    private void dropFirstSegment(DropReason reason) {
        long samples = segments.getFirst().unreadSamples;
        if (samples > 0) {
            events.dropped(reason, samples);
            if (reason == DropReason.TOO_OLD) {
                logTooOld(samples);
            } else {
                fullLog.log("spool " + dir + ": over its max size of " + settings.maxBytes() + " bytes: dropped the"
                        + " oldest " + samples + " samples");
            }
        }
        removeFirstSegment();
    }

    /** Deletes the first segment; records still unread in it are gone, the caller has counted them. */
    private void removeFirstSegment() {
        Segment segment = segments.removeFirst();
        segment.closeChannel();
        if (segment == writeSegment) {
            writeSegment = null;
            dataDirty = false;
        }
        try {
            Files.deleteIfExists(segment.path);
        } catch (IOException e) {
            // the saved position is past it: the next open deletes it
            ioLog.log("spool " + dir + ": cannot delete " + segment.path.getFileName() + ": " + e);
        }
        sizeBytes -= segment.size;
        unreadRecords -= segment.unreadRecords;
        readOffset = 0;
        head = null;
        positionDirty = true;
    }

    // --- writing ---------------------------------------------------------------------------------

    /** The segment to append {@code framed} bytes to, rolling to a new one when the current is full. */
    private Segment segmentFor(long framed) throws IOException {
        Segment current = writeSegment;
        if (current != null && !current.sealed
                && (current.size == 0 || current.size + framed <= settings.segmentBytes())) {
            return current;
        }
        if (current != null) {
            current.sealed = true;
            forceWrites();
            current.closeChannel();
        }
        Segment created = new Segment(nextSeq, dir, files);
        created.channel();
        ReadPosition.syncDirectory(dir); // the new name survives a power loss along with the data forced into it
        nextSeq++;
        segments.addLast(created);
        writeSegment = created;
        return created;
    }

    private static void write(FileChannel channel, long at, ByteBuffer header, ByteBuffer payload)
            throws IOException {
        long position = at;
        while (header.hasRemaining()) {
            position += channel.write(header, position);
        }
        while (payload.hasRemaining()) {
            position += channel.write(payload, position);
        }
    }

    /** Takes back a partly written record, so that nothing is ever appended after half a record. */
    private void undoWrite(Segment segment, long at) {
        if (segment == null || at < 0) {
            return;
        }
        try {
            segment.channel().truncate(at);
        } catch (IOException e) {
            segment.sealed = true; // the next append starts a new segment; readers stop at segment.size
        }
    }

    private void sync() {
        forceWrites();
        if (positionDirty) {
            Segment first = segments.peekFirst();
            ReadPosition position = first == null ? new ReadPosition(nextSeq, 0) : new ReadPosition(first.seq, readOffset);
            try {
                position.write(dir);
                positionDirty = false;
            } catch (IOException e) {
                ioLog.log("spool " + dir + ": cannot save the read position (" + e + "): a restart sends again what"
                        + " was sent since it was last saved");
            }
        }
    }

    private void forceWrites() {
        if (!dataDirty || writeSegment == null) {
            return;
        }
        try {
            writeSegment.channel().force(false);
            dataDirty = false;
        } catch (IOException e) {
            ioLog.log("spool " + dir + ": cannot force " + writeSegment.path.getFileName() + " to disk: " + e);
        }
    }
}
