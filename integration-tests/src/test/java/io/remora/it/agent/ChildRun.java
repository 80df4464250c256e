package io.remora.it.agent;

import java.util.List;

/** What a child JVM left behind: its pid, exit code, and stdout and stderr as lines. */
public final class ChildRun {

    private final long pid;
    private final int exitCode;
    private final List<String> stdout;
    private final List<String> stderr;

    ChildRun(long pid, int exitCode, List<String> stdout, List<String> stderr) {
        this.pid = pid;
        this.exitCode = exitCode;
        this.stdout = List.copyOf(stdout);
        this.stderr = List.copyOf(stderr);
    }

    public long pid() {
        return pid;
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> stdout() {
        return stdout;
    }

    public List<String> stderr() {
        return stderr;
    }

    @Override
    public String toString() {
        return "pid " + pid + " exited " + exitCode + "\n--- stdout ---\n" + String.join("\n", stdout)
                + "\n--- stderr ---\n" + String.join("\n", stderr);
    }
}
