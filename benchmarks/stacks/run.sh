#!/usr/bin/env bash
# What each instrumented client stack costs per operation, from sampled CPU: every stack is driven in
# a loop (StackLoad.java) with no agent and with Remora (everything on), alternating, and each
# measured phase is sampled with async-profiler (from Maven Central); reported per operation: the
# process's CPU, and of it the part in Remora's frames (io/remora, hooks the JIT inlined included),
# on the client threads that call the library, on the application's others (event loops, the
# in-process server) and on the agent's own.
#
#   benchmarks/stacks/run.sh [path/to/remora-agent.jar]
#   (STACKS="jdk-httpclient urlconnection okhttp apache4 apache5 reactor-netty grpc kafka jedis lettuce jdbc",
#    ROUNDS=2 WARMUP_S=8 DURATION_S=10 THREADS=2 by default)
#
# Builds nothing of Remora's: `mvn -q install -DskipTests` first (the libraries come from the
# integration tests' class path). Redis is Debian's redis-server on a free loopback port; the HTTP
# clients call the JDK's HttpServer in the same JVM, gRPC its own server, Kafka a KRaft broker from
# Kafka's test kit, both in the same JVM too (their cost is on the other threads, apart from the client's). Advice inlined into a library's own method (a System.nanoTime()
# call, a field read) is in that method's frame, not Remora's: the Remora figure leaves it out, the
# difference in CPU per operation from no agent has it (and the machine's noise).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../common.sh
source "$ROOT/benchmarks/common.sh"

REMORA_JAR=$(realpath "${1:-$ROOT/agent/target/remora-agent.jar}")
read -r -a STACKS <<< "${STACKS:-jdk-httpclient urlconnection okhttp apache4 apache5 reactor-netty grpc kafka jedis lettuce jdbc}"
ROUNDS=${ROUNDS:-2}
WARMUP_S=${WARMUP_S:-8}
DURATION_S=${DURATION_S:-10}
THREADS=${THREADS:-2}
JAVA=${JAVA:-java}
HEAP=${HEAP:--Xms512m -Xmx512m}
# the JDK server answers at once (no Nagle delay on its small replies, as in wholeapp/)
SERVER_OPTS=-Dsun.net.httpserver.nodelay=true

[[ -f $REMORA_JAR ]] || die "$REMORA_JAR missing: mvn -q install -DskipTests"
command -v redis-server >/dev/null || die "redis-server missing (apt-get install redis-server)"

WORK=$(mktemp -d -t remora-stacks.XXXXXX)
APP_PID=
REDIS_PID=
cleanup() {
    if [[ -n $APP_PID ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    if [[ -n $REDIS_PID ]]; then kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; fi
    cleanup_common
    if [[ -n ${KEEP:-} ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

ensure_async_profiler "$WORK"
# the test applications are in the reactor only for the integration tests' build order (never installed)
(cd "$ROOT" && mvn -q -o dependency:build-classpath -DincludeScope=test -DexcludeGroupIds=io.remora -Dmdep.outputFile=target/stacks-classpath \
    -pl test-apps/spring-boot-3,test-apps/spring-boot-2,test-apps/spring-boot-3-prometheus,integration-tests) \
    || die "cannot resolve the integration tests' class path: mvn -q install -DskipTests first"
CLASSPATH_LIBS=$(cat "$ROOT/integration-tests/target/stacks-classpath")
mkdir -p "$WORK/app"
javac -d "$WORK/app" -cp "$CLASSPATH_LIBS" "$ROOT/benchmarks/stacks/StackLoad.java"

start_prometheus "$WORK/prom" || die "a real receiver is needed"
REDIS_PORT=$(free_port)
mkdir -p "$WORK/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/redis" >"$WORK/redis/log" 2>&1 &
REDIS_PID=$!

declare -A ARGS
ARGS[none]=""
ARGS[remora]="-javaagent:$REMORA_JAR -Dremora.endpoint=http://127.0.0.1:$PROM_PORT/api/v1/write -Dremora.interval=10s -Dremora.job=stacks -Dremora.spool.dir=$WORK/spool"
NAMES=(none remora)

# measure STACK VARIANT ROUND: one JVM, warmed up, its measured phase profiled; appends "ops" to
# $WORK/STACK.VARIANT.ops and writes the collapsed stacks beside it
measure() {
    local stack=$1 name=$2 round=$3 out=$WORK/$1.$2.$3
    rm -f "$WORK/control"; mkfifo "$WORK/control"
    # shellcheck disable=SC2086
    "$JAVA" $HEAP $SERVER_OPTS ${ARGS[$name]} -cp "$WORK/app:$CLASSPATH_LIBS" StackLoad "$stack" "$THREADS" "$WARMUP_S" "$DURATION_S" \
        "$REDIS_PORT" <"$WORK/control" >"$out.out" 2>"$out.err" &
    APP_PID=$!
    exec 3>"$WORK/control"
    wait_for_line WARM "$out"
    profiler start threads
    echo go >&3
    wait_for_line OPS "$out"
    profiler stop "$out.collapsed"
    echo stop >&3
    exec 3>&-
    wait "$APP_PID" || die "$stack under $name failed: $(tail -5 "$out.err")"
    APP_PID=
    awk '/^OPS/ { print $2 }' "$out.out" >>"$WORK/$stack.$name.ops"
}

wait_for_line() { # word file-prefix: until the application prints it (it dies: stop)
    until grep -q "^$1" "$2.out" 2>/dev/null; do
        kill -0 "$APP_PID" 2>/dev/null || die "$(basename "$2") exited: $(tail -5 "$2.err")"
        sleep 0.2
    done
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for stack in "${STACKS[@]}"; do
    for ((round = 0; round < ROUNDS; round++)); do
        for ((k = 0; k < 2; k++)); do
            name=${NAMES[$(((k + round) % 2))]}
            measure "$stack" "$name" "$round"
            printf '%-15s round %d %-7s %10s ops  load %s\n' "$stack" "$round" "$name" \
                "$(tail -1 "$WORK/$stack.$name.ops")" "$(cut -d' ' -f1 /proc/loadavg)" >&2
        done
    done
done

echo
machine
echo "load average before the runs: $LOAD_BEFORE"
echo "java: $("$JAVA" -version 2>&1 | sed -n 2p); $THREADS client threads; ${WARMUP_S} s warm-up + ${DURATION_S} s sampled per run; $ROUNDS alternating rounds"
echo "async-profiler $ASYNC_PROFILER_VERSION, CPU samples every 1 ms, per operation, all rounds together:"
echo "(in Remora's frames: on the client threads, on the application's other threads (its server, event loops),"
echo " and on the agent's own threads (remora-*: collection and export, a fixed cost spread over the operations))"
printf '%-15s %14s %12s %11s %18s %14s %14s\n' stack "CPU none (us)" "CPU Remora" difference "in Remora: client" "other app" "agent threads"
for stack in "${STACKS[@]}"; do
    for name in "${NAMES[@]}"; do
        ops=$(awk '{ n += $1 } END { print n }' "$WORK/$stack.$name.ops")
        cat "$WORK/$stack.$name".*.collapsed | awk -v n="$ops" '
            { count = $NF; total += count; stack = $0; sub(/ [0-9]+$/, "", stack)
              if (stack ~ /io\/remora\//) {
                  if (stack ~ /^\[load-client-/) client += count
                  else if (stack ~ /^\[remora-/) agent += count
                  else other += count } }
            END { printf "%.3f %.3f %.3f %.3f\n", 1000 * total / n, 1000 * client / n, 1000 * other / n, 1000 * agent / n }' \
            >"$WORK/$stack.$name.cost"
    done
    read -r none_cpu _ _ <"$WORK/$stack.none.cost"
    read -r remora_cpu client other agent <"$WORK/$stack.remora.cost"
    printf '%-15s %14.2f %12.2f %+11.2f %18.3f %14.3f %14.3f\n' "$stack" "$none_cpu" "$remora_cpu" \
        "$(awk -v a="$remora_cpu" -v b="$none_cpu" 'BEGIN { print a - b }')" "$client" "$other" "$agent"
done
