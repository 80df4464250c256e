package io.remora.it.agent.app;

/**
 * A short batch job: keeps both cores busy for {@value #RUN_MILLIS} ms, allocating, then ends. It
 * is over before a busy agent may have started its exporter.
 */
public final class ShortJobApp {

    public static final int RUN_MILLIS = 300;

    private ShortJobApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        long end = System.nanoTime() + RUN_MILLIS * 1_000_000L;
        Thread helper = new Thread(() -> spin(end), "short-job-helper");
        helper.start();
        long checksum = spin(end);
        helper.join();
        System.out.println("done " + (checksum != 42 ? "ok" : "?"));
    }

    private static long spin(long end) {
        long checksum = 0;
        while (System.nanoTime() < end) {
            checksum += new StringBuilder().append(checksum).toString().hashCode();
        }
        return checksum;
    }
}
