package io.remora.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.app.WorkloadApp;
import io.remora.it.receivers.RealReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each bad value is reported as exactly one stderr line {@code remora: <name>=<value>: ...}, with no
 * stack trace, and the application's output and exit code are those of a run without the agent.
 * Where the bad value only disables a part (not the endpoint or its credentials), the JVM metrics
 * still arrive. One child JVM per value, so that each one's line is counted alone.
 */
class BadConfigurationTest {

    /**
     * Long enough for the agent's first collection (at once when the exporter starts) before the
     * application exits; the shutdown flush delivers it even from a shorter run (ShortJobTest).
     */
    private static final String RUN_MILLIS = "1000";
    private static final Set<String> SOME_FAMILIES =
            Set.of("jvm_threads_current", "jvm_memory_used_bytes", "process_cpu_seconds_total");

    @TempDir
    static Path dir;

    private static RealReceiver prometheus;
    private static ChildRun withoutAgent;
    private static Map<String, String> templates;

    @BeforeAll
    static void startPrometheusAndRunWithoutAgent() throws IOException {
        prometheus = RealReceiver.prometheus();
        withoutAgent = ChildJvm.of(Jdk.DEFAULT, WorkloadApp.class, RUN_MILLIS).run(dir, "without-agent");
        assertEquals(WorkloadApp.EXIT_CODE, withoutAgent.exitCode(), withoutAgent.toString());
        assertEquals(List.of(), withoutAgent.stderr(), withoutAgent.toString());
        templates = templates();
    }

    @AfterAll
    static void stopPrometheus() {
        prometheus.close();
    }

    /**
     * {@code shown}: the value as the line must show it, where that differs (masked secrets, escaped
     * line breaks); {@code with}: a good setting the bad one needs beside it. The templates are
     * those of {@link #templates()}. An unreadable token file is a missing one: file permissions do
     * not stop root, who may run this.
     */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        // headers the client or the HTTP connection sets, whatever their case: that header is dropped
        "remora.headers        | User-Agent=x                        | true  |                             |",
        "remora.headers        | Content-Type=text/plain             | true  |                             |",
        "remora.headers        | content-encoding=gzip               | true  |                             |",
        "remora.headers        | X-PROMETHEUS-REMOTE-WRITE-VERSION=2 | true  |                             |",
        "remora.headers        | Connection=close                    | true  |                             |",
        "remora.headers        | Content-Length=0                    | true  |                             |",
        "remora.headers        | Expect=100-continue                 | true  |                             |",
        "remora.headers        | host=example.org                    | true  |                             |",
        "remora.headers        | Transfer-Encoding=chunked           | true  |                             |",
        "remora.headers        | Keep-Alive=timeout=5                | true  |                             |",
        "remora.headers        | UPGRADE=h2c                         | true  |                             |",
        "remora.headers        | te=trailers                         | true  |                             |",
        "remora.headers        | Trailer=X-A                         | true  |                             |",
        "remora.headers        | Proxy-Connection=keep-alive         | true  |                             |",
        "remora.headers        | Authorization=Bearer s3cret         | true  | Authorization=***           | remora.auth.bearer-file={token}",
        // headers that are not headers
        "remora.headers        | X-Scope-OrgID=a,x-scope-orgid=b     | true  |                             |",
        "remora.headers        | X-A=a{crlf}X-B: b                   | true  | X-A=a\\r\\nX-B: b             |",
        "remora.headers        | =tenant-a                           | true  |                             |",
        "remora.headers        | X-Scope-OrgID                       | true  |                             |",
        "remora.headers        | X Scope=a                           | true  |                             |",
        "remora.headers        | X-Api-Key: s3cret                   | true  | X-Api-Key:***               |",
        // labels
        "remora.labels         | 1team=a                             | true  |                             |",
        "remora.labels         | job=j                               | true  |                             |",
        "remora.labels         | __name__=x                          | true  |                             |",
        "remora.labels         | team=                               | true  |                             |",
        "remora.labels         | team=a,team=b                       | true  |                             |",
        "remora.labels         | team                                | true  |                             |",
        // durations, sizes and counts: their default
        "remora.interval       | 5x                                  | true  |                             |",
        "remora.interval       | 3000000h                            | true  |                             |",
        "remora.timeout        | 0s                                  | true  |                             |",
        "remora.batch.max-delay | -1s                                | true  |                             |",
        "remora.spool.max-age  | 15                                  | true  |                             |",
        "remora.retry.max-backoff | 1ms                              | true  |                             |",
        "remora.spool.max-size | -64MiB                              | true  |                             |",
        "remora.spool.max-size | 1GB                                 | true  |                             |",
        "remora.spool.max-size | 99999999TiB                         | true  |                             |",
        "remora.shards         | 0                                   | true  |                             |",
        "remora.shards         | 100000                              | true  |                             |",
        "remora.buffer.samples | 1                                   | true  |                             |",
        "remora.batch.max-samples | 2e3                              | true  |                             |",
        // URLs: a bad one among several is left out; with none left, export is off
        "remora.endpoint       | {write},http://:9090/api/v1/write   | true  |                             |",
        "remora.endpoint       | http://exa mple:9090/api/v1/write   | false |                             |",
        "remora.endpoint       | ftp://localhost:9090/api/v1/write   | false |                             |",
        "remora.endpoint       | http://bob:s3cret@localhost:9090/w  | false | http://bob:***@localhost:9090/w |",
        "remora.endpoint       | {nothing}                           | false |                             |",
        // files
        "remora.auth.bearer-file | {dir}/no-such-token               | false |                             |",
        "remora.auth.bearer-file | {empty}                           | false |                             |",
        "remora.auth.bearer-file | {two-lines}                       | false |                             |",
        "remora.auth.basic-password-file | {token}                   | false |                             |",
        "remora.auth.basic-user | alice:x                            | false |                             | remora.auth.basic-password-file={token}",
        "remora.tls.ca-file    | {file}                              | false |                             |",
        "remora.spool.dir      | {file}/spool                        | true  |                             |",
        "remora.config         | {dir}/no-such.properties            | true  |                             |",
        "remora.config         | {bad-escape}                        | true  |                             |",
        // methods
        "remora.methods        | Broken                              | true  |                             |",
        "remora.methods        | java.util.HashMap#get               | true  |                             |",
        "remora.methods        | com.acme.Svc#handle()               | true  |                             |",
        // typos and the rest
        "remora.intervall      | 1s                                  | true  |                             |",
        "remora.header         | X-Scope-OrgID=a                     | true  |                             |",
        "remora.instrumentation.jvm.enable | false                   | true  |                             |",
        "remora.instrumentation.jdbc.enabled | nope                  | true  |                             |",
        "remora.tls.insecure   | yes                                 | true  |                             |",
        "remora.log.level      | loud                                | true  |                             |",
        "remora.instance       | {nothing}                           | true  |                             |",
    })
    void oneLineOnStderrAndTheApplicationRunsAsWithoutTheAgent(String name, String template, boolean exports,
            String shownTemplate, String with) {
        String value = fill(template);
        String shown = shownTemplate == null ? value : fill(shownTemplate);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("remora.endpoint", prometheus.writeUrl().toString());
        properties.put("remora.interval", "1s");
        properties.put("remora.spool.dir", dir.resolve("spool").toString());
        if (with != null) {
            String setting = fill(with);
            properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        properties.put(name, value); // the bad value replaces the good one
        ChildJvm child = ChildJvm.of(Jdk.DEFAULT, WorkloadApp.class, RUN_MILLIS).withAgent();
        properties.forEach(child::property);
        ChildRun run = child.run(dir, "bad-" + name);

        assertEquals(1, run.stderr().size(), "exactly one line on stderr: " + run);
        String line = run.stderr().get(0);
        assertTrue(line.startsWith("remora: " + name + "=" + shown + ": "), run.toString());
        if (!shown.equals(value)) {
            assertFalse(line.contains(value), "the value is shown masked or escaped only: " + line);
        }
        assertEquals(withoutAgent.exitCode(), run.exitCode(), run.toString());
        assertEquals(withoutAgent.stdout(), run.stdout(), run.toString());
        if (exports) {
            new ExportedJvm(prometheus, WorkloadApp.class, run.pid()).awaitSeries(SOME_FAMILIES);
        }
    }

    private static String fill(String template) {
        String filled = template;
        for (Map.Entry<String, String> entry : templates.entrySet()) {
            filled = filled.replace(entry.getKey(), entry.getValue());
        }
        return filled;
    }

    /** What the rows' {placeholders} stand for: this class's directory, files in it, the receiver. */
    private static Map<String, String> templates() throws IOException {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("{dir}", dir.toString());
        templates.put("{file}", write("a-file", "not a directory\n")); // no directory can be made below it
        templates.put("{token}", write("token", "t0ken\n"));
        templates.put("{empty}", write("empty", ""));
        templates.put("{two-lines}", write("two-lines", "t0ken\nsecond\n"));
        templates.put("{bad-escape}", write("bad-escape.properties", "remora.job=\\u00zz\n"));
        templates.put("{write}", prometheus.writeUrl().toString());
        templates.put("{crlf}", "\r\n");
        templates.put("{nothing}", "");
        return templates;
    }

    private static String write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }
}
