package io.remora.agent.boot;

/**
 * The application in the child JVM: reports on stdout which of the agent's classes its own class
 * loader can see, and whether the agent thread runs.
 */
public final class ProbeApp {

    private ProbeApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        for (String name : args) {
            try {
                ClassLoader.getSystemClassLoader().loadClass(name);
                System.out.println("visible " + name);
            } catch (ClassNotFoundException e) {
                System.out.println("hidden " + name);
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && !agentThreadRuns()) {
            Thread.sleep(10);
        }
        System.out.println(agentThreadRuns() ? "agent thread runs" : "no agent thread");
    }

    private static boolean agentThreadRuns() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("remora-agent") && thread.isDaemon()) {
                return true;
            }
        }
        return false;
    }
}
