package io.remora.exporter.ring;

/** How sample values travel as raw bits, and the one NaN that means "this series went away". */
public final class SampleValues {

    /** Prometheus's staleness marker: a NaN with this exact bit pattern. */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private SampleValues() {
    }

    /**
     * The bits of an ordinary value. Every NaN becomes the canonical NaN, so an application's NaN
     * can never be mistaken for a staleness marker.
     */
    public static long bitsOf(double value) {
        return Double.doubleToLongBits(value);
    }

    public static boolean isStaleMarker(long bits) {
        return bits == STALE_NAN_BITS;
    }
}
