package io.remora.bootstrap.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BucketBoundsTest {

    @Test
    void durationEqualToBoundLandsInThatBucketAndOneNanosecondMoreInTheNext() {
        BucketBounds bounds = BucketBounds.HTTP_DURATION;
        for (int i = 0; i < bounds.count() - 1; i++) {
            long bound = Math.round(bounds.upperBoundSeconds(i) * 1e9);
            assertEquals(i, bounds.bucketOf(bound), "le is inclusive at " + bound + " ns");
            assertEquals(i, bounds.bucketOf(bound - 1));
            assertEquals(i + 1, bounds.bucketOf(bound + 1));
        }
    }

    @Test
    void zeroGoesToFirstBucketAndLongestToInfinity() {
        BucketBounds bounds = BucketBounds.DB_DURATION;
        assertEquals(0, bounds.bucketOf(0));
        assertEquals(bounds.count() - 1, bounds.bucketOf(Long.MAX_VALUE));
        assertEquals(Double.POSITIVE_INFINITY, bounds.upperBoundSeconds(bounds.count() - 1));
        assertEquals(10, bounds.count());
    }

    @Test
    void agreesWithLinearSearchAtEveryMagnitude() {
        BucketBounds[] all = {
            BucketBounds.HTTP_DURATION,
            BucketBounds.DB_DURATION,
            // a zero bound, powers of two, and many bounds inside one power of two
            BucketBounds.ofSeconds(0, 1e-9, 2e-9, 4e-9, 1.024e-6, 1.025e-6, 1.026e-6, 1.5e-6, 1.9e-6, 2.048e-6),
            BucketBounds.ofSeconds(),
            BucketBounds.ofSeconds(3e9),
        };
        SplittableRandom random = new SplittableRandom(5);
        for (BucketBounds bounds : all) {
            for (int n = 0; n < 200_000; n++) {
                long nanos = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(64);
                assertEquals(linearSearch(bounds, nanos), bounds.bucketOf(nanos), nanos + " ns");
            }
        }
    }

    @Test
    void rejectsBoundsThatAreNotIncreasingDurations() {
        assertThrows(IllegalArgumentException.class, () -> BucketBounds.ofSeconds(1, 1));
        assertThrows(IllegalArgumentException.class, () -> BucketBounds.ofSeconds(2, 1));
        assertThrows(IllegalArgumentException.class, () -> BucketBounds.ofSeconds(-0.5));
        assertThrows(IllegalArgumentException.class, () -> BucketBounds.ofSeconds(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BucketBounds.ofSeconds(Double.POSITIVE_INFINITY));
        // equal once rounded to whole nanoseconds
        assertThrows(IllegalArgumentException.class, () -> BucketBounds.ofSeconds(1e-10, 2e-10));
    }

    private static int linearSearch(BucketBounds bounds, long nanos) {
        int bucket = 0;
        while (bucket < bounds.count() - 1 && nanos > Math.round(bounds.upperBoundSeconds(bucket) * 1e9)) {
            bucket++;
        }
        return bucket;
    }
}
