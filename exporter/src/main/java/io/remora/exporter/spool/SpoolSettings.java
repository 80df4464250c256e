package io.remora.exporter.spool;

import io.remora.exporter.setting.InvalidSetting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.zip.CRC32C;

/** Where one spool lives and how much it may hold. */
public final class SpoolSettings {

    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(2);
    public static final long DEFAULT_SEGMENT_BYTES = 8L << 20;
    /** Positions pack the offset in 32 bits: see {@link Spool#append}. */
    private static final long MAX_SEGMENT_BYTES = 1L << 30;
    /** Segments per max-size at least: dropping the oldest segment then drops at most this share. */
    private static final int MIN_SEGMENTS = 4;

    private final Path directory;
    private final long maxBytes;
    private final Duration maxAge;
    private final long segmentBytes;

    /**
     * @param maxBytes past this many bytes on disk the oldest segments are dropped
     * @param maxAge records with a sample older than this are dropped, never sent
     * @throws IllegalArgumentException when a limit is not positive
     */
    public SpoolSettings(Path directory, long maxBytes, Duration maxAge) {
        this(directory, maxBytes, maxAge, DEFAULT_SEGMENT_BYTES);
    }

    private SpoolSettings(Path directory, long maxBytes, Duration maxAge, long segmentBytes) {
        this.directory = Objects.requireNonNull(directory, "directory");
        requireMaxBytes(maxBytes);
        requireMaxAge(maxAge);
        if (segmentBytes <= 0 || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("spool segment size must be in 1.." + MAX_SEGMENT_BYTES + ", got "
                    + segmentBytes);
        }
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.segmentBytes = segmentBytes;
    }

    /** @throws IllegalArgumentException unless positive */
    public static long requireMaxBytes(long maxBytes) {
        if (maxBytes <= 0) {
            throw new InvalidSetting("spool max size must be positive, got " + maxBytes, "must be more than 0");
        }
        return maxBytes;
    }

    /** @throws IllegalArgumentException unless positive */
    public static Duration requireMaxAge(Duration maxAge) {
        if (maxAge.isZero() || maxAge.isNegative()) {
            throw new InvalidSetting("spool max age must be positive, got " + maxAge, "must be more than 0");
        }
        return maxAge;
    }

    /** The same limits with segments rolled at {@code bytes} (tests use small ones). */
    public SpoolSettings withSegmentBytes(long bytes) {
        return new SpoolSettings(directory, maxBytes, maxAge, bytes);
    }

    /**
     * The same limits in a subdirectory named after the endpoint: its label made safe for a file
     * name, plus a hash of the label, so that two endpoints never share a directory.
     */
    public SpoolSettings forEndpoint(String endpointLabel) {
        String safe = endpointLabel.replaceAll("[^A-Za-z0-9.-]+", "_");
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        CRC32C hash = new CRC32C();
        hash.update(endpointLabel.getBytes(StandardCharsets.UTF_8));
        String name = safe + "-" + String.format("%08x", hash.getValue());
        return new SpoolSettings(directory.resolve(name), maxBytes, maxAge, segmentBytes);
    }

    public Path directory() {
        return directory;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Duration maxAge() {
        return maxAge;
    }

    /** Where segments are rolled: the configured size, but at most a quarter of max-size. */
    public long segmentBytes() {
        return Math.max(1, Math.min(segmentBytes, maxBytes / MIN_SEGMENTS));
    }

    @Override
    public String toString() {
        return "SpoolSettings{directory=" + directory + ", maxBytes=" + maxBytes + ", maxAge=" + maxAge
                + ", segmentBytes=" + segmentBytes() + '}';
    }
}
