package io.remora.it.agent;

import java.util.List;

/** What a child JVM left behind: its pid, exit code, and stdout and stderr as lines. */
final class ChildRun {

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

    long pid() {
        return pid;
    }

    int exitCode() {
        return exitCode;
    }

    List<String> stdout() {
        return stdout;
    }

    List<String> stderr() {
        return stderr;
    }

    @Override
    public String toString() {
        return "pid " + pid + " exited " + exitCode + "\n--- stdout ---\n" + String.join("\n", stdout)
                + "\n--- stderr ---\n" + String.join("\n", stderr);
    }
}
