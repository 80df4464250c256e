package io.remora.exporter.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchSortTest {

    @Test
    void sortsBySeriesThenTimeKeepingArrivalOrderOfEqualTimestamps() {
        Batch batch = new Batch(6);
        batch.accept(7, 20, 1);
        batch.accept(3, 10, 2);
        batch.accept(7, 10, 3);
        batch.accept(3, 10, 4);
        batch.accept(0, 99, 5);
        batch.accept(7, 20, 6);

        batch.sortBySeriesThenTime();

        assertEquals(List.of("0@99=5", "3@10=2", "3@10=4", "7@10=3", "7@20=1", "7@20=6"), contents(batch));
    }

    @Test
    void matchesAStableSortForIdsOfEveryWidth() {
        Random random = new Random(11);
        int[] idBounds = {1, 2, 2048, 2049, 1 << 22, (1 << 22) + 5, Integer.MAX_VALUE};
        Batch batch = new Batch(5000);
        for (int round = 0; round < 200; round++) {
            int idBound = idBounds[round % idBounds.length];
            int seriesCount = 1 + random.nextInt(300);
            int[] ids = new int[seriesCount];
            for (int s = 0; s < seriesCount; s++) {
                ids[s] = random.nextInt(idBound);
            }
            batch.clear();
            List<long[]> expected = new ArrayList<>();
            int samples = random.nextInt(5000);
            for (int i = 0; i < samples; i++) {
                int id = ids[random.nextInt(seriesCount)];
                long timestamp = random.nextInt(50);
                batch.accept(id, timestamp, i);
                expected.add(new long[] {id, timestamp, i});
            }
            expected.sort(Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> s[1]));

            batch.sortBySeriesThenTime();

            assertEquals(expected.size(), batch.size());
            for (int i = 0; i < samples; i++) {
                long[] sample = expected.get(i);
                assertEquals(sample[0], batch.seriesId(i), "round " + round + ", sample " + i);
                assertEquals(sample[1], batch.timestampMs(i), "round " + round + ", sample " + i);
                assertEquals(sample[2], batch.valueBits(i), "round " + round + ", sample " + i);
            }
        }
    }

    private static List<String> contents(Batch batch) {
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            samples.add(batch.seriesId(i) + "@" + batch.timestampMs(i) + "=" + batch.valueBits(i));
        }
        return samples;
    }
}
