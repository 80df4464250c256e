package io.remora.exporter.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchTest {

    @Test
    void groupsBySeriesAndOrdersByTimeStably() {
        Batch batch = new Batch(8);
        batch.accept(2, 30, 1);
        batch.accept(1, 20, 2);
        batch.accept(2, 10, 3);
        batch.accept(1, 20, 4);
        batch.accept(0, 5, 5);
        batch.sortBySeriesThenTime();
        long[][] expected = {{0, 5, 5}, {1, 20, 2}, {1, 20, 4}, {2, 10, 3}, {2, 30, 1}};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], batch.seriesId(i));
            assertEquals(expected[i][1], batch.timestampMs(i));
            assertEquals(expected[i][2], batch.valueBits(i));
        }
    }

    @Test
    void randomBatchesComeOutSorted() {
        Random random = new Random(42);
        Batch batch = new Batch(5000);
        for (int round = 0; round < 20; round++) {
            batch.clear();
            int n = 1 + random.nextInt(5000);
            for (int i = 0; i < n; i++) {
                batch.accept(random.nextInt(300), random.nextInt(1000), i);
            }
            batch.sortBySeriesThenTime();
            assertEquals(n, batch.size());
            for (int i = 1; i < n; i++) {
                boolean ordered = batch.seriesId(i - 1) < batch.seriesId(i)
                        || (batch.seriesId(i - 1) == batch.seriesId(i) && batch.timestampMs(i - 1) <= batch.timestampMs(i));
                assertTrue(ordered, "position " + i);
            }
        }
    }

    @Test
    void retainDropsWhatTheFilterRefuses() {
        Batch batch = new Batch(4);
        batch.accept(1, 10, 0);
        batch.accept(1, 10, 1);
        batch.accept(1, 11, 2);
        SeriesOrder order = new SeriesOrder();
        assertEquals(1, batch.retain(order));
        assertEquals(2, batch.size());
        assertEquals(11, batch.timestampMs(1));
        batch.clear();
        batch.accept(1, 11, 3);
        batch.accept(5000, 1, 3);
        assertEquals(1, batch.retain(order), "11 was already sent for series 1");
        assertEquals(5000, batch.seriesId(0));
    }

    @Test
    void refusesToOverfill() {
        Batch batch = new Batch(1);
        batch.accept(1, 1, 1);
        assertEquals(0, batch.remaining());
        assertThrows(IllegalStateException.class, () -> batch.accept(1, 2, 2));
    }
}
