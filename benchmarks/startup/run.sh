#!/usr/bin/env bash
# Start-up overhead of a hello world: no agent, Remora, and the OpenTelemetry Java agent
# (metrics only), measured alternating in one session.
#
#   benchmarks/startup/run.sh [path/to/remora-agent.jar]      (RUNS=20 WARMUP=3 by default)
#   EXTRA_REMORA_OPTS='-Dremora.methods=Hello#main' benchmarks/startup/run.sh   (more options for Remora;
#   not REMORA_*: the agent reads those environment variables as its own settings)
#
# Builds nothing: package the agent first (mvn -o -pl agent -am package -DskipTests).
# Per variant: wall time of the whole process (fork to exit, so the agent's shutdown hook counts),
# time to main() (fork to the first line of main, so premain counts: what an application waits), the main
# thread's CPU by then, peak RSS (/usr/bin/time %M), and classes loaded (-Xlog:class+load), with how many of them did not
# come from the CDS archive. A dynamic AppCDS archive of Hello shows whether the application's own
# classes still come from class-data sharing with each agent attached.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../common.sh
source "$ROOT/benchmarks/common.sh"
REMORA_JAR=$(realpath "${1:-$ROOT/agent/target/remora-agent.jar}")
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
JAVA=${JAVA:-java}
EXTRA_REMORA_OPTS=${EXTRA_REMORA_OPTS:-}

[[ -f $REMORA_JAR ]] || die "$REMORA_JAR missing: mvn -o -pl agent -am package -DskipTests"
[[ -x /usr/bin/time ]] || apt-get install -y -q time >/dev/null || die "/usr/bin/time missing (apt-get install time)"
ensure_otel_jar

WORK=$(mktemp -d -t remora-startup.XXXXXX)
cleanup() {
    cleanup_common
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/app"
cat >"$WORK/app/Hello.java" <<'EOF'
public class Hello {
    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean("hello.stamp")) { // when main() began, in epoch microseconds: time to main
            java.time.Instant now = java.time.Instant.now();
            // and the CPU the main thread had used by then, in ns (Linux): premain's own work, which
            // the other threads' and the machine's noise hardly move
            String cpu = new String(java.nio.file.Files.readAllBytes(
                    java.nio.file.Paths.get("/proc/thread-self/schedstat"))).split(" ")[0];
            System.out.println("main " + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000) + " " + cpu);
        }
        if (args.length > 0) {
            Thread.sleep(Long.parseLong(args[0])); // lets the agent start its exporter before exit
        }
        System.out.println("hello");
    }
}
EOF
javac -d "$WORK/app" "$WORK/app/Hello.java"
# a jar, not a directory: CDS archives only classes from jars
jar cf "$WORK/hello.jar" -C "$WORK/app" Hello.class

build_null_agent "$WORK/null-agent.jar"

CLOSED_PORT=$(free_port)
NAMES=(none null-agent remora otel)
declare -A ARGS
ARGS[none]=""
ARGS[null-agent]="-javaagent:$WORK/null-agent.jar"
ARGS[remora]="-javaagent:$REMORA_JAR -Dremora.endpoint=http://127.0.0.1:$CLOSED_PORT/api/v1/write $EXTRA_REMORA_OPTS"
ARGS[otel]="-javaagent:$OTEL_JAR -Dotel.traces.exporter=none -Dotel.logs.exporter=none -Dotel.metrics.exporter=otlp -Dotel.exporter.otlp.endpoint=http://127.0.0.1:$CLOSED_PORT"

# optional: a real receiver, Prometheus from Debian's package
if [[ ${WITH_PROMETHEUS:-1} == 1 ]]; then
    if start_prometheus "$WORK/prom"; then
        NAMES=(none null-agent remora remora-prom otel)
        ARGS[remora-prom]="-javaagent:$REMORA_JAR -Dremora.endpoint=http://127.0.0.1:$PROM_PORT/api/v1/write $EXTRA_REMORA_OPTS"
    else
        echo "measuring without Prometheus" >&2
        PROM_PORT=
    fi
fi

run_java() { # variant, extra JVM options...
    local name=$1; shift
    # shellcheck disable=SC2086
    "$JAVA" ${ARGS[$name]} "$@" -cp "$WORK/hello.jar" Hello
}

# each variant must run cleanly before it is measured: prints hello, exits 0
for name in "${NAMES[@]}"; do
    out=$(run_java "$name" 2>"$WORK/$name.err") || die "$name: exit code $?: $(cat "$WORK/$name.err")"
    [[ $out == hello ]] || die "$name: printed '$out'"
    if [[ -s $WORK/$name.err ]]; then
        echo "note: $name writes to stderr: $(head -3 "$WORK/$name.err")" >&2
    fi
done

# class loading: all classes, and those not from the CDS archive
for name in "${NAMES[@]}"; do
    run_java "$name" "-Xlog:class+load:file=$WORK/$name.classes" >/dev/null 2>&1
done

# AppCDS: archive Hello (and the JDK classes it uses) without any agent, then run with the archive
"$JAVA" -XX:ArchiveClassesAtExit="$WORK/app.jsa" -cp "$WORK/hello.jar" Hello >/dev/null 2>"$WORK/jsa.log" \
    || die "cannot create the dynamic CDS archive: $(tail -3 "$WORK/jsa.log")"
for name in "${NAMES[@]}"; do
    run_java "$name" -XX:SharedArchiveFile="$WORK/app.jsa" -Xshare:auto "-Xlog:class+load:file=$WORK/$name.appcds" \
        >/dev/null 2>&1
done

# wall time, peak RSS and time to main(), alternating: every round runs each variant once, in a rotated order
measure() { # variant -> appends "wall_ms rss_kb to_main_ms main_cpu_ms" to $WORK/<variant>.samples
    local name=$1 start end main main_cpu
    start=$EPOCHREALTIME
    # shellcheck disable=SC2086
    /usr/bin/time -f %M -o "$WORK/rss" "$JAVA" ${ARGS[$name]} -Dhello.stamp=true -cp "$WORK/hello.jar" Hello \
        >"$WORK/stamp" 2>/dev/null
    end=$EPOCHREALTIME
    read -r main main_cpu < <(sed -n 's/^main //p' "$WORK/stamp")
    echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", (e - s) * 1000 }') $(tail -1 "$WORK/rss")" \
        "$(awk -v s="$start" -v m="$main" 'BEGIN { printf "%.2f", m / 1000 - s * 1000 }')" \
        "$(awk -v c="$main_cpu" 'BEGIN { printf "%.2f", c / 1e6 }')" >>"$WORK/$name.samples"
}
alternate_rounds

# exit once the agent is fully up: the application lives LINGER_MS, so the agent's thread has started
# the exporter and collected once; what the shutdown flush adds shows as wall time above LINGER_MS
LINGER_MS=${LINGER_MS:-1500}
for ((round = 0; round < 5; round++)); do
    for name in "${NAMES[@]}"; do
        [[ $name == otel ]] && continue
        start=$EPOCHREALTIME
        # shellcheck disable=SC2086
        "$JAVA" ${ARGS[$name]} -cp "$WORK/hello.jar" Hello "$LINGER_MS" >/dev/null 2>&1
        end=$EPOCHREALTIME
        awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", (e - s) * 1000 }' >>"$WORK/$name.linger"
    done
done

machine
echo "java: $("$JAVA" -version 2>&1 | sed -n 2p)"
echo "remora: $REMORA_JAR ($(stat -c %s "$REMORA_JAR") bytes)${EXTRA_REMORA_OPTS:+ with $EXTRA_REMORA_OPTS}; otel: opentelemetry-javaagent $OTEL_VERSION"
echo "endpoints: nothing listens on 127.0.0.1:$CLOSED_PORT${PROM_PORT:+; remora-prom sends to Prometheus on 127.0.0.1:$PROM_PORT}"
echo "$RUNS alternating runs per variant after $WARMUP warm-up rounds; wall = fork to exit, ms"
echo
printf '%-12s %8s %8s %7s %8s %9s %8s %9s %9s %10s %8s %8s %s\n' variant wall-med wall-mean stddev wall-min "+wall" \
    "to-main" "+to-main" "RSS-MiB" "+RSS-MiB" classes "not-CDS" "Hello from (AppCDS run)"
read -r base_med _ _ _ < <(stats 1 <"$WORK/none.samples")
read -r base_rss _ _ _ < <(stats 2 <"$WORK/none.samples")
read -r base_main _ _ _ < <(stats 3 <"$WORK/none.samples")
for name in "${NAMES[@]}"; do
    read -r med mean sd min < <(stats 1 <"$WORK/$name.samples")
    read -r rss _ _ _ < <(stats 2 <"$WORK/$name.samples")
    read -r to_main _ _ _ < <(stats 3 <"$WORK/$name.samples")
    classes=$(wc -l <"$WORK/$name.classes")
    outside=$(grep -vc 'source: shared objects file' "$WORK/$name.classes" || true)
    hello=$(grep -E '^\[[^]]*\]\[[^]]*\]\[class,load\] Hello ' "$WORK/$name.appcds" | sed 's/.*source: //')
    printf '%-12s %8s %8s %7s %8s %9s %8s %9s %9.1f %10s %8s %8s %s\n' "$name" "$med" "$mean" "$sd" "$min" \
        "$(awk -v a="$med" -v b="$base_med" 'BEGIN { printf "%+.1f", a - b }')" \
        "$to_main" "$(awk -v a="$to_main" -v b="$base_main" 'BEGIN { printf "%+.1f", a - b }')" \
        "$(awk -v a="$rss" 'BEGIN { print a / 1024 }')" \
        "$(awk -v a="$rss" -v b="$base_rss" 'BEGIN { printf "%+.1f", (a - b) / 1024 }')" \
        "$classes" "$outside" "$hello"
done
echo
echo "ratios to no agent (median wall, median peak RSS, classes loaded):"
for name in "${NAMES[@]}"; do
    [[ $name == none ]] && continue
    read -r med _ _ _ < <(stats 1 <"$WORK/$name.samples")
    read -r rss _ _ _ < <(stats 2 <"$WORK/$name.samples")
    awk -v n="$name" -v a="$med" -v b="$base_med" -v r="$rss" -v rb="$base_rss" \
        -v c="$(wc -l <"$WORK/$name.classes")" -v cb="$(wc -l <"$WORK/none.classes")" \
        'BEGIN { printf "  %-12s wall x%.2f  RSS x%.2f  classes x%.2f\n", n, a / b, r / rb, c / cb }'
done
echo
echo "over the null agent, medians in ms (what premain costs the application's start): time to main(), and the"
echo "main thread's CPU by then (/proc/thread-self/schedstat; the steadier figure on a shared machine)"
read -r null_main _ _ _ < <(stats 3 <"$WORK/null-agent.samples")
read -r null_cpu _ _ _ < <(stats 4 <"$WORK/null-agent.samples")
for name in "${NAMES[@]}"; do
    [[ $name == none || $name == null-agent ]] && continue
    read -r to_main _ _ _ < <(stats 3 <"$WORK/$name.samples")
    read -r main_cpu _ _ _ < <(stats 4 <"$WORK/$name.samples")
    awk -v n="$name" -v a="$to_main" -v b="$null_main" -v c="$main_cpu" -v cb="$null_cpu" \
        'BEGIN { printf "  %-12s time to main() %+.1f  main thread CPU %+.1f\n", n, a - b, c - cb }'
done
echo
echo "class-data sharing for the application (dynamic AppCDS archive of Hello made without an agent):"
for name in "${NAMES[@]}"; do
    f=$WORK/$name.appcds
    total=$(wc -l <"$f")
    shared=$(grep -c 'source: shared objects file' "$f" || true)
    jdk_outside=$(grep -E '\[class,load\] (java|javax|jdk|sun)\.' "$f" | grep -v 'source: shared objects file' \
        | grep -vc 'LambdaForm\$\|\$\$Lambda\|Species_' || true)
    printf '  %-12s %4d of %4d classes from the archive; JDK classes from elsewhere: %3d; Hello: %s\n' \
        "$name" "$shared" "$total" "$jdk_outside" \
        "$(grep -E '\[class,load\] Hello ' "$f" | sed 's/.*source: //')"
done
echo
echo "exit after the agent is up (Hello sleeps ${LINGER_MS} ms first; 5 runs; wall minus the sleep, median, ms):"
for name in "${NAMES[@]}"; do
    [[ -f $WORK/$name.linger ]] || continue
    read -r med _ _ min < <(awk -v l="$LINGER_MS" '{ print $1 - l }' "$WORK/$name.linger" | stats 1)
    printf '  %-12s %8s  (min %s)\n' "$name" "$med" "$min"
done
echo
echo "classes outside the CDS archive, by source (default archive):"
for name in "${NAMES[@]}"; do
    [[ $name == none ]] && continue
    echo "  $name:"
    grep -v 'source: shared objects file' "$WORK/$name.classes" \
        | sed -E 's/.*source: //; s/^(jrt:\/[^ ]*).*/\1/; s/^file:.*/file: (agent or application jar)/; s/^__JVM_LookupDefineClass__.*/LookupDefineClass (lambda forms)/; s/^(__[A-Za-z_]+__).*/\1/' \
        | sed -E 's/^(java|jdk|sun)\.[A-Za-z0-9_.$]*$/defined by JDK class (lambda)/; s/^io\.[A-Za-z0-9_.$]*$/defined by agent class (lambda)/; s/^[a-z][A-Za-z0-9_.$]*\.[A-Z][A-Za-z0-9_$]*$/defined by other class (lambda)/' \
        | sort | uniq -c | sort -rn | head -8 | sed 's/^/    /'
done
