package io.remora.exporter.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RingShardsTest {

    @Test
    void fullShardRefusesWithoutBlockingAndFreesSlotsWhenDrained() {
        RingShards ring = new RingShards(1, 4);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer(7, i, i));
        }
        assertFalse(ring.offer(7, 99, 99));
        assertEquals(4, ring.size());
        List<long[]> out = new ArrayList<>();
        assertEquals(4, ring.drain((id, ts, bits) -> out.add(new long[] {id, ts, bits}), 100));
        assertArrayEquals(new long[] {7, 2, 2}, out.get(2));
        assertTrue(ring.offer(7, 5, 5));
    }

    @Test
    void keepsRawValueBits() {
        RingShards ring = new RingShards(2, 8);
        ring.offer(1, 10, SampleValues.STALE_NAN_BITS);
        long[] seen = new long[1];
        ring.drain((id, ts, bits) -> seen[0] = bits, 10);
        assertEquals(SampleValues.STALE_NAN_BITS, seen[0]);
    }

    @Test
    void ordinaryNaNNeverLooksStale() {
        double weirdNaN = Double.longBitsToDouble(SampleValues.STALE_NAN_BITS);
        assertFalse(SampleValues.isStaleMarker(SampleValues.bitsOf(weirdNaN)));
        assertTrue(Double.isNaN(Double.longBitsToDouble(SampleValues.bitsOf(weirdNaN))));
    }

    @Test
    void drainRespectsLimitAcrossShards() {
        RingShards ring = new RingShards(4, 16);
        for (int series = 0; series < 8; series++) {
            ring.offer(series, 1, 1);
        }
        AtomicLong count = new AtomicLong();
        assertEquals(5, ring.drain((id, ts, bits) -> count.incrementAndGet(), 5));
        assertEquals(3, ring.drain((id, ts, bits) -> count.incrementAndGet(), 5));
        assertEquals(8, count.get());
    }

    @Test
    void concurrentProducersLoseNothingAndKeepPerSeriesOrder() throws Exception {
        RingShards ring = new RingShards(4, 1024);
        int producers = 4;
        int perProducer = 200_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicLong refused = new AtomicLong();
        for (int p = 0; p < producers; p++) {
            int series = p;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    while (!ring.offer(series, i, i)) {
                        refused.incrementAndGet();
                        Thread.onSpinWait();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        Map<Integer, Long> lastBySeries = new HashMap<>();
        long[] received = new long[1];
        boolean[] ordered = {true};
        start.countDown();
        while (received[0] < (long) producers * perProducer) {
            ring.drain((id, ts, bits) -> {
                Long last = lastBySeries.put(id, ts);
                if (last != null && last + 1 != ts) {
                    ordered[0] = false;
                }
                received[0]++;
            }, 4096);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(ordered[0], "each series' samples arrive in the order offered, none missing");
        assertEquals((long) producers * perProducer, received[0]);
        assertEquals(0, ring.size());
    }
}
