package io.remora.bootstrap;

/**
 * How deep the current thread is in calls that instrumentation measures once per outermost call (a
 * filter chain that calls itself, a servlet that forwards to another). One int per thread, made on
 * its first call; nothing is allocated after that.
 */
public final class Nesting {

    private final ThreadLocal<int[]> depth = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    /** @return true when this call is the outermost one; every call must be paired with {@link #exit} */
    public boolean enter() {
        return depth.get()[0]++ == 0;
    }

    /** @return true when this thread is inside such a call */
    public boolean inside() {
        return depth.get()[0] > 0;
    }

    public void exit() {
        int[] d = depth.get();
        if (d[0] > 0) {
            d[0]--;
        }
    }
}
