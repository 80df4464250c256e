package io.remora.bootstrap;

/**
 * Tells the agent's own threads from the application's, so that the agent does not measure itself
 * (its remote-write POSTs go through HttpURLConnection). Every thread the agent and its exporter
 * start is named {@code remora-...} ({@code remora-agent}, {@code remora-exporter},
 * {@code remora-sender-<host:port>}, {@code remora-shutdown}); the exporter is a plain library that
 * knows nothing of these hooks, so the name is the mark. An application thread given such a name
 * is not measured either. Reading a thread's name allocates nothing.
 */
public final class AgentThreads {

    public static final String NAME_PREFIX = "remora-";

    private AgentThreads() {
    }

    public static boolean isCurrent() {
        return Thread.currentThread().getName().startsWith(NAME_PREFIX);
    }
}
