package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.agent.jvm.RecordingWriter;
import io.remora.bootstrap.WeakInstances;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetterGaugesTest {

    private final WeakInstances registered = new WeakInstances();
    private final RecordingWriter writer = new RecordingWriter();
    private final GetterGauges gauges = new GetterGauges("pool", registered,
            new String[] {"pool_threads", "pool_threads_max", "pool_jobs"},
            new String[] {"getThreads", "getMaxThreads", "getJobs"}, new boolean[] {false, true, false}) {
        @Override
        protected Object readable(Object pool) {
            return ((Pool) pool).running ? pool : null;
        }
    };

    @Test
    void runningObjectsAreAddedUpAndTheirMaximaTakeTheLargest() {
        Pool first = new Pool(3, 10, true);
        Pool second = new Pool(4, 20, true);
        Pool stopped = new Pool(100, 100, false);
        registered.add(first);
        registered.add(second);
        registered.add(first); // a constructor calling another of its class registers once
        registered.add(stopped);

        gauges.collect(writer, 1000L);

        assertEquals(Map.of("pool_threads{}", 7.0, "pool_threads_max{}", 20.0), writer.startingWith("pool_"));
    }

    @Test
    void nothingIsWrittenWhileNoObjectIsReadable() {
        registered.add(new Pool(1, 1, false));
        gauges.collect(writer, 1000L);
        assertEquals(Map.of(), writer.startingWith("pool_"));
    }

    @Test
    void anObjectWhoseGetterThrowsIsDroppedAndTheOthersGoOn() {
        Pool good = new Pool(2, 5, true);
        registered.add(new Failing());
        registered.add(good);
        gauges.collect(writer, 1000L);
        gauges.collect(writer, 2000L);
        assertEquals(Map.of("pool_threads{}", 2.0, "pool_threads_max{}", 5.0), writer.startingWith("pool_"));
        int held = 0;
        for (Iterator<?> it = registered.iterator(); it.hasNext(); it.next()) {
            held++;
        }
        assertEquals(1, held);
    }

    /** Has no {@code getJobs}: that gauge is left out, as Micrometer leaves out what a pool's type lacks. */
    public static class Pool {
        private final int threads;
        private final long maxThreads;
        final boolean running;

        Pool(int threads, long maxThreads, boolean running) {
            this.threads = threads;
            this.maxThreads = maxThreads;
            this.running = running;
        }

        public int getThreads() {
            return threads;
        }

        public long getMaxThreads() {
            return maxThreads;
        }
    }

    public static final class Failing extends Pool {
        Failing() {
            super(0, 0, true);
        }

        @Override
        public int getThreads() {
            throw new IllegalStateException("closed");
        }
    }
}
