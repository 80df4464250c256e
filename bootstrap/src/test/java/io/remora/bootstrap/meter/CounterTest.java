package io.remora.bootstrap.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CounterTest {

    @Test
    void concurrentAddsLoseNothing() throws Exception {
        Counter counter = new Counter();
        HistogramTest.runConcurrently(4, () -> {
            for (int i = 0; i < 500_000; i++) {
                counter.increment();
                counter.add(2);
            }
        });
        assertEquals(4L * 500_000 * 3, counter.sum());
    }

    @Test
    void negativeDeltaIsIgnored() {
        Counter counter = new Counter();
        counter.add(5);
        counter.add(-3);
        counter.add(0);
        assertEquals(5, counter.sum());
    }
}
