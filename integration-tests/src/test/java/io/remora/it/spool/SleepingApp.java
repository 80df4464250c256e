package io.remora.it.spool;

/** The application the spool tests run under the agent: it sleeps for the given milliseconds, then says so. */
public final class SleepingApp {

    static final String STARTED = "sleeping app started";
    static final String FINISHED = "sleeping app finished";

    private SleepingApp() {
    }

    /** {@code args[0]}: how long to run, in milliseconds. */
    public static void main(String[] args) throws InterruptedException {
        long deadline = System.currentTimeMillis() + Long.parseLong(args[0]);
        System.out.println(STARTED);
        System.out.flush();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(Math.min(200, Math.max(1, deadline - System.currentTimeMillis())));
        }
        System.out.println(FINISHED);
    }
}
