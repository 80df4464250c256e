# Helpers shared by the whole-process benchmark scripts (startup/, wholeapp/): source it, do not run it.
# The sourcing script sets `set -euo pipefail` and calls cleanup_common from its own EXIT trap.

OTEL_VERSION=2.17.0
OTEL_JAR=$HOME/.m2/repository/io/opentelemetry/javaagent/opentelemetry-javaagent/$OTEL_VERSION/opentelemetry-javaagent-$OTEL_VERSION.jar
ASYNC_PROFILER_VERSION=3.0
ASYNC_PROFILER_JAR=$HOME/.m2/repository/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar
PROM_PID=
PROM_PORT=

# every instrumentation switch but jvm (CatalogTest checks it against the agent's modules)
INSTRUMENTATION_SWITCHES="http-server http-client jdbc redis rpc messaging executor logging methods micrometer client-java"

# the system properties that switch every instrumentation off: the agent's base cost (exporter, JVM metrics)
instrumentation_off() {
    local name
    for name in $INSTRUMENTATION_SWITCHES; do printf -- '-Dremora.instrumentation.%s.enabled=false ' "$name"; done
}

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# ensure_artifact <file> <groupId:artifactId:version[:packaging:classifier]>: from Maven Central into ~/.m2
ensure_artifact() {
    if [[ ! -f $1 ]]; then
        mvn -q dependency:get -Dartifact="$2" || die "cannot fetch $2"
    fi
}

# the OpenTelemetry Java agent, the peer measured side by side
ensure_otel_jar() {
    ensure_artifact "$OTEL_JAR" io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION
}

# ensure_async_profiler <dir>: async-profiler's library for Linux x64 unpacked there (ASYNC_PROFILER_LIB)
ensure_async_profiler() {
    ensure_artifact "$ASYNC_PROFILER_JAR" tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64
    unzip -q -o -j "$ASYNC_PROFILER_JAR" linux-x64/libasyncProfiler.so -d "$1"
    ASYNC_PROFILER_LIB=$1/libasyncProfiler.so
}

# profiler start [options] | profiler stop <file>: async-profiler (ensure_async_profiler first) in the
# running $APP_PID, CPU samples every 1 ms (perf events), written as collapsed stacks with frames
# annotated (_[0] interpreted, _[j] compiled); `profiler start threads` splits stacks by thread
profiler() {
    local command=start,event=cpu,interval=1ms${2:+,$2}
    [[ $1 == stop ]] && command=stop,ann,collapsed,file=$2
    # quoted for jcmd, which would otherwise read the first '=' as its own option syntax
    jcmd "$APP_PID" JVMTI.agent_load "$ASYNC_PROFILER_LIB" "\"$command\"" >"$WORK/profiler.out" \
        || die "async-profiler $1 failed: $(cat "$WORK/profiler.out")"
}

# a loopback port nobody listens on (bash's /dev/tcp fails to connect there), below the kernel's
# ephemeral range: wrk's many client connections take ports there, and a server could not bind one
free_port() {
    local port lowest_ephemeral
    read -r lowest_ephemeral _ </proc/sys/net/ipv4/ip_local_port_range
    while true; do
        port=$((10000 + RANDOM % (lowest_ephemeral - 10000)))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
}

# start_prometheus DIR [CONFIG_YAML]: Prometheus from Debian's package with its remote-write receiver
# on a free loopback port (PROM_PORT, PROM_PID); returns 1, with the tail of its log, if it never gets ready
start_prometheus() {
    local dir=$1 config=${2:-$'global:\n  scrape_interval: 1h\n'}
    command -v prometheus >/dev/null || { echo "prometheus is not installed (apt-get install prometheus)" >&2; return 1; }
    PROM_PORT=$(free_port)
    mkdir -p "$dir"
    printf '%s' "$config" >"$dir/prometheus.yml"
    prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
        --web.listen-address="127.0.0.1:$PROM_PORT" --web.enable-remote-write-receiver \
        >"$dir/log" 2>&1 &
    PROM_PID=$!
    for _ in $(seq 100); do
        curl -fs "http://127.0.0.1:$PROM_PORT/-/ready" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "prometheus did not become ready:" >&2
    tail -5 "$dir/log" >&2
    return 1
}

cleanup_common() {
    if [[ -n $PROM_PID ]]; then kill "$PROM_PID" 2>/dev/null || true; wait "$PROM_PID" 2>/dev/null || true; fi
}

# build_null_agent <jar>: an agent whose premain does nothing, for what any -javaagent costs on this
# JVM (java.instrument is added to the boot layer, so CDS's archived module graph cannot be used and
# the module system boots the slow way); an agent's own cost is what it adds on top of this one
build_null_agent() {
    local dir
    dir=$(mktemp -d)
    printf '%s\n' 'public class NullAgent {' \
        '    public static void premain(String arguments, java.lang.instrument.Instrumentation instrumentation) {' \
        '    }' '}' >"$dir/NullAgent.java"
    javac -d "$dir" "$dir/NullAgent.java"
    printf 'Premain-Class: NullAgent\n' >"$dir/MANIFEST.MF"
    jar cfm "$1" "$dir/MANIFEST.MF" -C "$dir" NullAgent.class
    rm -rf "$dir"
}

# build_null_transformer_agent <jar>: an agent whose premain only registers a ClassFileTransformer that
# changes nothing (returns null at once), for what seeing every class that loads costs any Java agent:
# the JVM hands the transformer a fresh copy of each class file, garbage the heap grows for
build_null_transformer_agent() {
    local dir
    dir=$(mktemp -d)
    printf '%s\n' 'public class NullTransformerAgent {' \
        '    public static void premain(String arguments, java.lang.instrument.Instrumentation instrumentation) {' \
        '        instrumentation.addTransformer(new java.lang.instrument.ClassFileTransformer() {}, true);' \
        '    }' '}' >"$dir/NullTransformerAgent.java"
    javac -d "$dir" "$dir/NullTransformerAgent.java"
    printf 'Premain-Class: NullTransformerAgent\nCan-Retransform-Classes: true\n' >"$dir/MANIFEST.MF"
    jar cfm "$1" "$dir/MANIFEST.MF" -C "$dir" NullTransformerAgent.class -C "$dir" 'NullTransformerAgent$1.class'
    rm -rf "$dir"
}

# alternate_rounds: WARMUP rounds, then RUNS rounds, each calling the script's `measure VARIANT` once per
# variant of NAMES in an order rotated every round; what the warm-up rounds wrote to
# $WORK/<variant>.samples is dropped
alternate_rounds() {
    local round k name count=${#NAMES[@]}
    for ((round = -WARMUP; round < RUNS; round++)); do
        for ((k = 0; k < count; k++)); do
            name=${NAMES[$(((k + round + WARMUP) % count))]}
            measure "$name"
            if ((round < 0)); then rm -f "$WORK/$name.samples"; fi
        done
    done
}

stats() { # column -> "median mean stddev min" of that column of stdin
    sort -n -k"$1","$1" | awk -v c="$1" '
        { v[NR] = $c; s += $c; ss += $c * $c }
        END {
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            mean = s / NR; sd = sqrt(ss / NR - mean * mean)
            printf "%.1f %.1f %.1f %.1f\n", m, mean, sd, v[1] }'
}

machine() { # one line: cores, CPU, memory, load average now
    local cpu
    cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
    echo "machine: $(nproc) cores ($cpu), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), shared with other builds (noisy); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
