#!/usr/bin/env bash
# Time from fork to the first answered request of the whole-application server (WholeApp), with no
# agent, with Remora with every instrumentation off, and with Remora with everything on, alternating.
# Tells whether installing the instrumentation (on the agent's own thread) delays the application.
#
#   benchmarks/wholeapp/first-response.sh [path/to/remora-agent.jar]     (RUNS=7 by default)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../common.sh
source "$ROOT/benchmarks/common.sh"

REMORA_JAR=$(realpath "${1:-$ROOT/agent/target/remora-agent.jar}")
RUNS=${RUNS:-7}
[[ -f $REMORA_JAR ]] || die "$REMORA_JAR missing: mvn -o -pl agent -am package -DskipTests"

WORK=$(mktemp -d -t remora-first-response.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK/app" "$ROOT/benchmarks/wholeapp/WholeApp.java"

CLOSED_PORT=$(free_port) # nothing listens: the exporter spools, which costs the run nothing visible
REMORA="-javaagent:$REMORA_JAR -Dremora.endpoint=http://127.0.0.1:$CLOSED_PORT/api/v1/write -Dremora.spool.dir=$WORK/spool -Dremora.log.level=error"
declare -A ARGS
ARGS[none]=""
ARGS[remora-off]="$REMORA $(instrumentation_off)"
ARGS[remora]="$REMORA"
NAMES=(none remora-off remora)

first_response_ms() { # variant -> ms from fork to the first 200
    local port start pid
    port=$(free_port)
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    java -Xms256m -Xmx256m ${ARGS[$1]} -cp "$WORK/app" WholeApp "$port" 4 >/dev/null 2>&1 &
    pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/orders/1"; do
        kill -0 "$pid" 2>/dev/null || die "$1 exited at start"
        sleep 0.005
    done
    echo $((($(date +%s%N) - start) / 1000000))
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

machine
for round in $(seq "$RUNS"); do
    for name in "${NAMES[@]}"; do
        echo "$name $(first_response_ms "$name")"
    done
done > "$WORK/runs"
printf '%-11s %8s %8s %8s %8s\n' variant median mean stddev min
for name in "${NAMES[@]}"; do
    printf '%-11s %s\n' "$name" "$(awk -v n="$name" '$1 == n {print $2}' "$WORK/runs" | stats 1)"
done
