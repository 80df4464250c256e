package com.acme.hierarchy;

import java.util.AbstractList;

/**
 * Class hierarchies for the class selection's tests, outside the agent's own packages (which the
 * selection ignores).
 */
public final class Hierarchy {

    private Hierarchy() {
    }

    public interface Api {
    }

    public interface SubApi extends Api {
    }

    public abstract static class AbstractImpl implements SubApi {
    }

    public static class Impl extends AbstractImpl {
    }

    public static class OtherImpl extends AbstractImpl {
    }

    public static class Handler extends AbstractImpl {
        private final long big = 12_345_678_901L;

        public long handle() {
            return big;
        }
    }

    public static class Unrelated implements Runnable {
        @Override
        public void run() {
        }
    }

    public abstract static class JdkList extends AbstractList<String> {
    }
}
