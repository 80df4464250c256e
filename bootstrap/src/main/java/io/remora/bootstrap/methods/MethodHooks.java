package io.remora.bootstrap.methods;

import io.remora.bootstrap.Meters;
import io.remora.bootstrap.label.ErrorTypes;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramFamily;

/**
 * What the advice of {@code remora.methods} calls: {@code method_duration_seconds{class,method,error_type}},
 * one observation per call, recursive calls included (each level is a call of its own).
 */
public final class MethodHooks {

    /**
     * The database buckets (1-5-10 steps from 1 ms to 10 s) one decade further down: a named method
     * is often an in-process step faster than a database round trip, and the same {@code le} values
     * let its latency be read next to the database's.
     */
    public static final BucketBounds BOUNDS =
            BucketBounds.ofSeconds(0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10);

    /** The configuration bounds classes and methods; exception classes are what can still grow. */
    private static final int MAX_LABEL_SETS = 1000;

    public static final HistogramFamily DURATION = Meters.REGISTRY.histogram(
            "method_duration_seconds", BOUNDS, MAX_LABEL_SETS, "class", "method", "error_type");

    private MethodHooks() {
    }

    /**
     * @param className the configured class name and {@code method} the method's name: constants
     *     in the advice, so the label set is found by identity
     * @param thrown what the call threw, or null
     */
    public static void record(long startNanos, String className, String method, Throwable thrown) {
        long elapsed = System.nanoTime() - startNanos;
        DURATION.labels(className, method, ErrorTypes.of(thrown)).record(elapsed);
    }
}
