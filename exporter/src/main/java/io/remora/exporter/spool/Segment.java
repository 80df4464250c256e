package io.remora.exporter.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One segment file and what the spool knows of it. Guarded by the owning spool. */
final class Segment {

    private static final String SUFFIX = ".seg";
    private static final int NAME_DIGITS = 20;

    final long seq;
    final Path path;
    private final FileOpener files;
    private FileChannel channel;

    /** Bytes of whole records; a write that failed may have left more on disk, which is never read. */
    long size;
    long unreadRecords;
    long unreadSamples;
    /** The newest sample in the segment: once older than max-age, the whole segment is. */
    long newestTs = Long.MIN_VALUE;
    /** Takes no more appends: rolled, written by an earlier run, or damaged while written. */
    boolean sealed;
    /** Damaged stretches already counted: start offset to the offset of the next intact record. */
    final Map<Long, Long> skips = new HashMap<>();

    Segment(long seq, Path dir, FileOpener files) {
        this.seq = seq;
        this.path = dir.resolve(fileName(seq));
        this.files = files;
    }

    /** Segments sort by name: the sequence number, zero-padded. */
    static String fileName(long seq) {
        return String.format("%0" + NAME_DIGITS + "d", seq) + SUFFIX;
    }

    /** The sequence number in a segment's file name, or -1 for any other file. */
    static long seqOf(String fileName) {
        if (fileName.length() != NAME_DIGITS + SUFFIX.length() || !fileName.endsWith(SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < NAME_DIGITS; i++) {
            if (!Character.isDigit(fileName.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(fileName.substring(0, NAME_DIGITS));
    }

    /**
     * Opened on first use, creating the file; closed when the spool stops needing it. Reopened
     * when an interrupt of the thread using it closed it.
     */
    FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = files.open(path);
        }
        return channel;
    }

    void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was pending on it that close could lose: writes are forced separately
            }
            channel = null;
        }
    }

    /** The intact header at {@code offset}, or null when there is none before {@code end}. */
    static RecordFormat.Header readHeader(FileChannel channel, long offset, long end) throws IOException {
        if (end - offset < RecordFormat.HEADER_BYTES) {
            return null;
        }
        byte[] bytes = new byte[RecordFormat.HEADER_BYTES];
        if (!readFully(channel, ByteBuffer.wrap(bytes), offset)) {
            return null;
        }
        return RecordFormat.parse(bytes, 0);
    }

    /** The payload of the record at {@code offset}; null when the file ends first. */
    static byte[] readPayload(FileChannel channel, long offset, RecordFormat.Header header) throws IOException {
        byte[] payload = new byte[header.length];
        return readFully(channel, ByteBuffer.wrap(payload), offset + RecordFormat.HEADER_BYTES) ? payload : null;
    }

    /** False when the file ends before the buffer is full. */
    static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                return false;
            }
            at += read;
        }
        return true;
    }
}
