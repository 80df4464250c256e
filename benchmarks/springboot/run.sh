#!/usr/bin/env bash
# Start-up cost on an ordinary Spring Boot 3.5 service (test-apps/spring-boot-3: embedded Tomcat 10,
# Spring MVC, JdbcTemplate on HikariCP + H2, an @Async executor, Actuator), run as the executable
# fat jar (classes from nested jars through Spring Boot's launcher), alternating in one session:
#   none        no agent
#   null-agent  an agent whose premain does nothing (what any -javaagent costs this JVM)
#   null-transformer  an agent whose premain only registers a transformer that changes nothing (what
#               seeing every loading class costs any Java agent: the JVM copies each class file for it)
#   remora      every instrumentation on, exporting to a real Prometheus started here
#               (to a closed port if Prometheus is not installed)
#   remora-off  Remora with every instrumentation but the JVM collectors switched off
#   otel        the OpenTelemetry Java agent, metrics only, OTLP to a closed port
#
#   benchmarks/springboot/run.sh [path/to/remora-agent.jar]     (RUNS=5 WARMUP=1 JAVA=java by default)
#
# Builds nothing: first  mvn -B -q install -DskipTests  (or: mvn -B -q -pl agent,test-apps/spring-boot-3 -am package -DskipTests).
# Per run: ready = fork to the first HTTP 200 of GET /orders (curl every ~20 ms); CPU to ready =
# utime + stime of the JVM from /proc/PID/stat at that moment; peak RSS = VmHWM at that moment; and
# the CPU of its threads by kind (main, JIT, GC, Remora's, the rest) at that moment.
# Then a fixed bit of traffic (every route, answers checked), SIGTERM, and the exit is checked.
# Classes loaded to ready are counted once per variant in a separate run (-Xlog:class+load).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../common.sh
source "$ROOT/benchmarks/common.sh"
REMORA_JAR=$(realpath -m "${1:-$ROOT/agent/target/remora-agent.jar}")
APP_JAR=$ROOT/test-apps/spring-boot-3/target/spring-boot-3-app.jar
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
JAVA=${JAVA:-java}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-120}
CLK_TCK=$(getconf CLK_TCK)

[[ -f $REMORA_JAR ]] || die "$REMORA_JAR missing: mvn -B -q -pl agent -am package -DskipTests"
[[ -f $APP_JAR ]] || die "$APP_JAR missing: mvn -B -q -pl test-apps/spring-boot-3 package"
command -v curl >/dev/null || die "curl missing (apt-get install curl)"
ensure_otel_jar

WORK=$(mktemp -d -t remora-springboot.XXXXXX)
APP_PID=
cleanup() {
    if [[ -n $APP_PID ]]; then kill -9 "$APP_PID" 2>/dev/null || true; fi
    cleanup_common
    rm -rf "$WORK"
}
trap cleanup EXIT

build_null_agent "$WORK/null-agent.jar"
build_null_transformer_agent "$WORK/null-transformer.jar"

CLOSED_PORT=$(free_port)
if start_prometheus "$WORK/prom"; then
    REMORA_ENDPOINT=http://127.0.0.1:$PROM_PORT/api/v1/write
else
    echo "Prometheus missing or not ready: remora exports to a closed port" >&2
    PROM_PORT=
    REMORA_ENDPOINT=http://127.0.0.1:$CLOSED_PORT/api/v1/write
fi

NAMES=(none null-agent null-transformer remora remora-off otel)
declare -A ARGS
ARGS[none]=""
ARGS[null-agent]="-javaagent:$WORK/null-agent.jar"
ARGS[null-transformer]="-javaagent:$WORK/null-transformer.jar"
# a fresh spool each run (emptied before each start): a first start replays nothing
REMORA_COMMON="-javaagent:$REMORA_JAR -Dremora.endpoint=$REMORA_ENDPOINT -Dremora.spool.dir=$WORK/spool"
ARGS[remora]="$REMORA_COMMON"
ARGS[remora-off]="$REMORA_COMMON $(instrumentation_off)"
ARGS[otel]="-javaagent:$OTEL_JAR -Dotel.traces.exporter=none -Dotel.logs.exporter=none -Dotel.metrics.exporter=otlp -Dotel.exporter.otlp.endpoint=http://127.0.0.1:$CLOSED_PORT"

# start_app <variant> <port> <output prefix> [JVM options...]: APP_PID, START (EPOCHREALTIME before the fork)
start_app() {
    local name=$1 port=$2 out=$3
    shift 3
    rm -rf "$WORK/spool"
    START=$EPOCHREALTIME
    # shellcheck disable=SC2086
    "$JAVA" ${ARGS[$name]} "$@" -jar "$APP_JAR" --server.port="$port" >"$out.out" 2>"$out.err" &
    APP_PID=$!
}

# await_ready <port> <output prefix>: polls GET /orders until 200; READY_MS; dies if the JVM exits or times out
await_ready() {
    local port=$1 out=$2 deadline=$((SECONDS + READY_TIMEOUT_S))
    until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/orders"; do
        kill -0 "$APP_PID" 2>/dev/null || die "the application exited before it was ready: $(tail -5 "$out.err" "$out.out")"
        ((SECONDS < deadline)) || die "the application was not ready within ${READY_TIMEOUT_S}s: $(tail -5 "$out.out")"
        sleep 0.02
    done
    READY_MS=$(awk -v s="$START" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (e - s) * 1000 }')
}

cpu_ms() { # utime + stime of APP_PID in ms (fields 14 and 15, counted after the ")" that ends comm)
    sed 's/.*) //' "/proc/$APP_PID/stat" | awk -v t="$CLK_TCK" '{ printf "%.0f", ($12 + $13) * 1000 / t }'
}

# expect <status> <method> <path> [body]: one request, dies unless it answers <status>
expect() {
    local want=$1 method=$2 path=$3 body=${4:-} got
    if [[ -n $body ]]; then
        got=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -H 'Content-Type: application/json' -d "$body" \
            "http://127.0.0.1:$PORT$path")
    else
        got=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" "http://127.0.0.1:$PORT$path")
    fi
    [[ $got == "$want" ]] || die "$method $path answered $got, expected $want"
}

traffic() { # the same small fixed amount for every variant: every route once or more
    local i
    for i in 1 2 3 4 5; do expect 201 POST /orders "{\"item\":\"item-$i\",\"quantity\":$i}"; done
    for i in 1 2 3 4 5 1 2 3 4 5; do expect 200 GET "/orders/$i"; done
    for i in 1001 1002 1003; do expect 404 GET "/orders/$i"; done
    for i in 1 2; do expect 500 GET /boom; done
    for i in 10 20 30 40; do expect 200 GET "/async/$i"; done
    expect 200 GET /orders
}

# stop_app <output prefix>: SIGTERM, dies unless the JVM exits within 60 s with 143 (SIGTERM's status) or 0
stop_app() {
    local code=0 waited=0
    kill -TERM "$APP_PID"
    while kill -0 "$APP_PID" 2>/dev/null && ((waited < 600)); do sleep 0.1; waited=$((waited + 1)); done
    kill -0 "$APP_PID" 2>/dev/null && die "the application did not exit within 60 s of SIGTERM"
    wait "$APP_PID" || code=$?
    APP_PID=
    [[ $code == 143 || $code == 0 ]] || die "the application exited with $code after SIGTERM: $(tail -5 "$1.err")"
}

# thread_cpu: "main jit_c2 jit_c1 gc remora other", ms of CPU each kind of thread of APP_PID has had so
# far (from each thread's schedstat, to the nanosecond, unlike /proc/PID/stat's 10 ms ticks); threads
# that already ended (Remora's install thread) are in none of them
thread_cpu() {
    local task
    for task in /proc/"$APP_PID"/task/*; do
        printf '%s %s\n' "$(tr ' ' _ <"$task/comm" 2>/dev/null)" "$(cut -d' ' -f1 "$task/schedstat" 2>/dev/null)"
    done | awk '
        NF == 2 {
            if ($1 == "java") k = "main"; else if ($1 ~ /^C2_/) k = "c2"; else if ($1 ~ /^C1_/) k = "c1"
            else if ($1 ~ /^(GC_|G1_)/) k = "gc"; else if ($1 ~ /^remora/) k = "remora"; else k = "other"
            ms[k] += $2 / 1e6 }
        END { printf "%.0f %.0f %.0f %.0f %.0f %.0f\n", ms["main"], ms["c2"], ms["c1"], ms["gc"], ms["remora"], ms["other"] }'
}

# measure <variant>: appends "ready_ms cpu_ms rss_kb cpu_after_traffic_ms" and thread_cpu's six
# figures at ready to $WORK/<variant>.samples
measure() {
    local name=$1 cpu rss threads
    PORT=$(free_port)
    start_app "$name" "$PORT" "$WORK/$name"
    await_ready "$PORT" "$WORK/$name"
    cpu=$(cpu_ms)
    rss=$(awk '/^VmHWM:/ { print $2 }' "/proc/$APP_PID/status")
    threads=$(thread_cpu)
    traffic
    echo "$READY_MS $cpu $rss $(cpu_ms) $threads" >>"$WORK/$name.samples"
    stop_app "$WORK/$name"
}

alternate_rounds

# classes loaded to ready, and how many came from the CDS archive, once per variant
for name in "${NAMES[@]}"; do
    PORT=$(free_port)
    start_app "$name" "$PORT" "$WORK/$name-classes" "-Xlog:class+load:file=$WORK/$name.classes"
    await_ready "$PORT" "$WORK/$name-classes"
    cp "$WORK/$name.classes" "$WORK/$name.classes-at-ready"
    stop_app "$WORK/$name-classes"
done

machine
echo "java: $("$JAVA" -version 2>&1 | sed -n 2p)"
echo "app: $APP_JAR (Spring Boot 3.5.7 fat jar)"
echo "remora: $REMORA_JAR ($(stat -c %s "$REMORA_JAR") bytes), exporting to ${PROM_PORT:+Prometheus at }$REMORA_ENDPOINT; otel: opentelemetry-javaagent $OTEL_VERSION"
echo "$RUNS alternating rounds after $WARMUP warm-up; ready = fork to first HTTP 200; CPU = user + system of the JVM at ready"
echo
printf '%-16s %9s %9s %7s %9s %8s %8s %9s %8s %8s\n' variant ready-med ready-min stddev cpu-s-med rss-MiB classes not-CDS cpu-s-end stderr
read -r base_ready _ _ _ < <(stats 1 <"$WORK/none.samples")
read -r base_cpu _ _ _ < <(stats 2 <"$WORK/none.samples")
read -r base_rss _ _ _ < <(stats 3 <"$WORK/none.samples")
for name in "${NAMES[@]}"; do
    read -r med _ sd min < <(stats 1 <"$WORK/$name.samples")
    read -r cpu _ _ _ < <(stats 2 <"$WORK/$name.samples")
    read -r rss _ _ _ < <(stats 3 <"$WORK/$name.samples")
    read -r cpu_end _ _ _ < <(stats 4 <"$WORK/$name.samples")
    classes=$(wc -l <"$WORK/$name.classes-at-ready")
    outside=$(grep -vc 'source: shared objects file' "$WORK/$name.classes-at-ready" || true)
    printf '%-16s %9s %9s %7s %9.2f %8.1f %8s %9s %8.2f %8s\n' "$name" "$med" "$min" "$sd" \
        "$(awk -v a="$cpu" 'BEGIN { print a / 1000 }')" "$(awk -v a="$rss" 'BEGIN { print a / 1024 }')" \
        "$classes" "$outside" "$(awk -v a="$cpu_end" 'BEGIN { print a / 1000 }')" "$(wc -l <"$WORK/$name.err") lines"
done
echo
echo "ratios of medians to no agent (and to the null agent):"
read -r null_ready _ _ _ < <(stats 1 <"$WORK/null-agent.samples")
read -r null_cpu _ _ _ < <(stats 2 <"$WORK/null-agent.samples")
for name in "${NAMES[@]}"; do
    [[ $name == none ]] && continue
    read -r med _ _ _ < <(stats 1 <"$WORK/$name.samples")
    read -r cpu _ _ _ < <(stats 2 <"$WORK/$name.samples")
    read -r rss _ _ _ < <(stats 3 <"$WORK/$name.samples")
    awk -v n="$name" -v a="$med" -v b="$base_ready" -v na="$null_ready" -v c="$cpu" -v cb="$base_cpu" \
        -v nc="$null_cpu" -v r="$rss" -v rb="$base_rss" 'BEGIN {
            printf "  %-16s ready x%.2f (x%.2f)  CPU x%.2f (x%.2f)  peak RSS %+.1f MiB\n",
                n, a / b, a / na, c / cb, c / nc, (r - rb) / 1024 }'
done
echo
echo "CPU at ready by thread, ms (medians): where an agent's cost lands beside the application's own work"
printf '%-16s %7s %7s %7s %7s %7s %7s\n' variant main jit-c2 jit-c1 gc remora other
for name in "${NAMES[@]}"; do
    printf '%-16s' "$name"
    for column in 5 6 7 8 9 10; do
        read -r med _ _ _ < <(stats "$column" <"$WORK/$name.samples")
        printf ' %7.0f' "$med"
    done
    echo
done
for name in "${NAMES[@]}"; do
    if [[ -s $WORK/$name.err ]]; then
        echo "note: $name wrote to stderr (last run): $(head -2 "$WORK/$name.err" | cut -c1-160)"
    fi
done
