#!/usr/bin/env bash
# Whole-application overhead: requests/s of a JDK HttpServer application under wrk on loopback with no
# agent, with Remora and with the OpenTelemetry Java agent (metrics only), alternating in one session.
#
#   benchmarks/wholeapp/run.sh [path/to/remora-agent.jar]
#   (ROUNDS=3 WARMUP_S=10 DURATION_S=15 CONNECTIONS=16 WRK_THREADS=2 POOL_THREADS=4 by default;
#    VARIANTS="none null-agent remora remora-default remora-jvm otel" adds an agent that does nothing,
#    and Remora without remora.methods and with every instrumentation off;
#    PROFILE=1 also profiles each measured run with async-profiler, from Maven Central, and reports
#    CPU per request by where it went: Remora's frames, interpreted code)
#
# Builds nothing of Remora's: package the agent first (mvn -o -pl agent -am package -DskipTests).
# Each round starts each variant's JVM afresh (in a rotated order), drives it with wrk for WARMUP_S
# (JIT, pools; not counted), then for DURATION_S (measured), and stops it. Reported per variant: the
# median requests/s over the rounds, its ratio to no agent's median and the median of the per-round
# ratios, and the server's CPU time per request.
#
# Both agents report into one real Prometheus (Debian's package) every 10 s: Remora pushes with
# remote write; the OpenTelemetry agent 2.10.0 exposes its Prometheus exporter on a loopback port that
# this Prometheus scrapes every 10 s (its OTLP exporter would need a receiver Prometheus 2.42 lacks,
# and `none` would give it no metric reader, so no metric would be recorded at all).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../common.sh
source "$ROOT/benchmarks/common.sh"

REMORA_JAR=$(realpath "${1:-$ROOT/agent/target/remora-agent.jar}")
ROUNDS=${ROUNDS:-3}
WARMUP_S=${WARMUP_S:-10}
DURATION_S=${DURATION_S:-15}
CONNECTIONS=${CONNECTIONS:-16}
WRK_THREADS=${WRK_THREADS:-2}
POOL_THREADS=${POOL_THREADS:-4}
JAVA=${JAVA:-java}
HEAP=${HEAP:--Xms256m -Xmx256m}

[[ -f $REMORA_JAR ]] || die "$REMORA_JAR missing: mvn -o -pl agent -am package -DskipTests"
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null || die "wrk missing (apt-get install wrk)"
ensure_otel_jar

WORK=$(mktemp -d -t remora-wholeapp.XXXXXX)
APP_PID=
cleanup() {
    if [[ -n $APP_PID ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    cleanup_common
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ -n ${PROFILE:-} ]]; then
    ensure_async_profiler "$WORK"
fi

mkdir -p "$WORK/app"
javac -d "$WORK/app" "$ROOT/benchmarks/wholeapp/WholeApp.java"

OTEL_PORT=$(free_port)
start_prometheus "$WORK/prom" "$(printf 'global:\n  scrape_interval: 10s\nscrape_configs:\n  - job_name: otel\n    static_configs:\n      - targets: ["127.0.0.1:%s"]\n' "$OTEL_PORT")" \
    || die "a real receiver is needed"

read -r -a NAMES <<< "${VARIANTS:-none remora otel}"
declare -A ARGS
ARGS[none]=""
REMORA_BASE="-javaagent:$REMORA_JAR -Dremora.endpoint=http://127.0.0.1:$PROM_PORT/api/v1/write -Dremora.interval=10s -Dremora.job=wholeapp -Dremora.spool.dir=$WORK/spool"
# every instrumentation is on by default; remora.methods adds the handler's render() to what is timed
ARGS[remora]="$REMORA_BASE -Dremora.methods=WholeApp\$OrdersHandler#render"
# what a user gets without naming methods
ARGS[remora-default]="$REMORA_BASE"
# the agent's fixed cost: exporter and JVM metrics, no instrumentation (VARIANTS="none remora remora-jvm otel")
ARGS[remora-jvm]="$REMORA_BASE $(instrumentation_off)"
# what any -javaagent costs, with nothing in its premain
build_null_agent "$WORK/null-agent.jar"
ARGS[null-agent]="-javaagent:$WORK/null-agent.jar"
ARGS[otel]="-javaagent:$OTEL_JAR -Dotel.service.name=wholeapp -Dotel.traces.exporter=none -Dotel.logs.exporter=none -Dotel.metrics.exporter=prometheus -Dotel.exporter.prometheus.host=127.0.0.1 -Dotel.exporter.prometheus.port=$OTEL_PORT"

start_app() { # variant -> APP_PID, APP_PORT; waits until it serves
    local name=$1
    APP_PORT=$(free_port)
    # shellcheck disable=SC2086
    "$JAVA" $HEAP -Dsun.net.httpserver.nodelay=true ${ARGS[$name]} -cp "$WORK/app" WholeApp "$APP_PORT" "$POOL_THREADS" \
        >"$WORK/$name.out" 2>"$WORK/$name.err" &
    APP_PID=$!
    for _ in $(seq 600); do
        if grep -q '^ready' "$WORK/$name.out" 2>/dev/null && curl -fs "http://127.0.0.1:$APP_PORT/orders/1" >/dev/null; then
            return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || die "$name exited at start: $(cat "$WORK/$name.err")"
        sleep 0.1
    done
    die "$name did not serve within 60 s"
}

stop_app() {
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
}

cpu_ticks() { # utime + stime of the application process, in clock ticks
    awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"
}

drive() { # seconds -> wrk's output
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${1}s" --latency "http://127.0.0.1:$APP_PORT/orders/42"
}

TICKS=$(getconf CLK_TCK)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 0; round < ROUNDS; round++)); do
    count=${#NAMES[@]}
    for ((k = 0; k < count; k++)); do
        name=${NAMES[$(((k + round) % count))]}
        start_app "$name"
        drive "$WARMUP_S" >"$WORK/$name.warmup.$round"
        [[ -z ${PROFILE:-} ]] || profiler start
        before=$(cpu_ticks)
        drive "$DURATION_S" >"$WORK/$name.wrk.$round"
        after=$(cpu_ticks)
        [[ -z ${PROFILE:-} ]] || profiler stop "$WORK/$name.$round.collapsed"
        stop_app
        rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/$name.wrk.$round")
        requests=$(awk '/requests in/ { print $1 }' "$WORK/$name.wrk.$round")
        errors=$(grep -E 'Non-2xx|Socket errors' "$WORK/$name.wrk.$round" | tr -s ' ' | tr '\n' ';' || true)
        p99=$(awk '$1 == "99%" { print $2 }' "$WORK/$name.wrk.$round")
        cpu_us=$(awk -v t=$((after - before)) -v hz="$TICKS" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
        echo "$rps $cpu_us $p99 $requests" >>"$WORK/$name.samples"
        printf 'round %d %-7s %10s req/s  %6s us CPU/request  p99 %-8s load %s %s\n' "$round" "$name" "$rps" "$cpu_us" \
            "$p99" "$(cut -d' ' -f1 /proc/loadavg)" "$errors" >&2
    done
done

echo
machine
echo "load average before the runs: $LOAD_BEFORE"
echo "java: $("$JAVA" -version 2>&1 | sed -n 2p); server: $POOL_THREADS pool threads, $HEAP, -Dsun.net.httpserver.nodelay=true"
echo "remora: $REMORA_JAR ($(stat -c %s "$REMORA_JAR") bytes); otel: opentelemetry-javaagent $OTEL_VERSION, metrics only"
echo "wrk: $WRK_THREADS threads, $CONNECTIONS connections, ${WARMUP_S} s warm-up + ${DURATION_S} s measured per run; $ROUNDS alternating rounds"
echo
# "paired": the median over rounds of the variant's requests/s over no agent's in the same round,
# which cancels the drift of the machine's capacity from one round to the next
printf '%-8s %12s %12s %10s %10s %10s %16s %s\n' variant "req/s med" "req/s mean" stddev ratio paired \
    "CPU us/req med" "runs (req/s)"
read -r base _ _ _ < <(stats 1 <"$WORK/none.samples")
for name in "${NAMES[@]}"; do
    read -r med mean sd _ < <(stats 1 <"$WORK/$name.samples")
    read -r cpu _ _ _ < <(stats 2 <"$WORK/$name.samples")
    read -r paired _ _ _ < <(paste -d' ' "$WORK/$name.samples" "$WORK/none.samples" \
        | awk '{ print 1000 * $1 / $5 }' | stats 1)
    printf '%-8s %12s %12s %10s %9.1f%% %9.1f%% %16s %s\n' "$name" "$med" "$mean" "$sd" \
        "$(awk -v a="$med" -v b="$base" 'BEGIN { print 100 * a / b }')" "$(awk -v p="$paired" 'BEGIN { print p / 10 }')" \
        "$cpu" "$(awk '{ printf "%s ", $1 }' "$WORK/$name.samples")"
done
if [[ -n ${PROFILE:-} ]]; then
    echo
    echo "async-profiler, CPU samples at 1 ms, all measured runs: CPU per request, and of it in Remora's frames"
    echo "(io/remora, inlined advice included) and in interpreted code, with the interpreted frame that costs most"
    for name in "${NAMES[@]}"; do
        requests=$(awk '{ n += $4 } END { print n }' "$WORK/$name.samples")
        cat "$WORK/$name".*.collapsed | awk -v n="$requests" -v name="$name" '
            { count = $NF; total += count; stack = $0; sub(/ [0-9]+$/, "", stack)
              if (stack ~ /io\/remora\//) remora += count
              leaf = stack; sub(/.*;/, "", leaf)
              if (leaf ~ /_\[0\]$/) { interpreted += count; by[leaf] += count } }
            END {
                for (f in by) if (by[f] > most) { most = by[f]; top = f }
                printf "%-15s %6.2f us/req   Remora %5.2f us/req   interpreted %5.2f us/req  %s\n", name,
                    1000 * total / n, 1000 * remora / n, 1000 * interpreted / n, top }'
    done
fi
echo
# each agent was measuring: what Prometheus holds of it, per run (an instance each; all runs are over)
query() {
    curl -fsG "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1" \
        | grep -o '"value":\[[^]]*\]' | sed 's/.*,"//; s/"\]//' | tr '\n' ' '
}
echo "at Prometheus: remora http_server_request_duration_seconds_count per run and label set:"
echo "                 $(query 'last_over_time(http_server_request_duration_seconds_count{job="wholeapp"}[1h])')"
echo "               remora method_duration_seconds_count per run: $(query 'last_over_time(method_duration_seconds_count{job="wholeapp"}[1h])')"
echo "               otel series scraped: $(query 'count(last_over_time({job="otel"}[1h]))'), of them http server: $(query 'count(last_over_time({job="otel",__name__=~"http_server.*"}[1h]))')"
