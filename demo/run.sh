#!/usr/bin/env bash
# Remora demo: a small HTTP order service runs for ~20 s under -javaagent:remora-agent.jar, with no
# code change; a real Prometheus on a loopback port receives what the agent pushes. Then prints
# what arrived, read back through Prometheus's query API.
#   ./demo/run.sh          stop Prometheus and delete its data at the end
#   ./demo/run.sh --keep   leave Prometheus running to look at it in the browser
set -euo pipefail

keep=false
for arg in "$@"; do
  case "$arg" in
    --keep) keep=true ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JOB=remora-demo
SECONDS_TO_RUN=20

echo "== building (mvn -B -q package -DskipTests)"
remora_build
install_debian_packages prometheus

workdir=$(mktemp -d "${TMPDIR:-/tmp}/remora-demo-XXXXXX")
cleanup() {
  if ! $keep; then
    prometheus_stop "$workdir" || true
    rm -rf "$workdir"
  fi
}
trap cleanup EXIT

echo "== starting $(prometheus --version 2>&1 | head -n 1)"
url=$(prometheus_start "$workdir")
echo "   ready at $url, data in $workdir"

agent="$REMORA_ROOT/agent/target/remora-agent.jar"
echo "== running the demo application for ${SECONDS_TO_RUN}s under the agent:"
echo "   java -javaagent:agent/target/remora-agent.jar -Dremora.endpoint=$url/api/v1/write \\"
echo "        -Dremora.interval=2s -Dremora.job=$JOB -Dremora.methods=io.remora.demo.DemoApp#buildOrder \\"
echo "        -cp <demo classes> io.remora.demo.DemoApp $SECONDS_TO_RUN"
java -javaagent:"$agent" -Dremora.endpoint="$url/api/v1/write" -Dremora.interval=2s -Dremora.job="$JOB" \
  -Dremora.methods=io.remora.demo.DemoApp#buildOrder -Dsun.net.httpserver.nodelay=true \
  -cp "$REMORA_ROOT/integration-tests/target/test-classes" io.remora.demo.DemoApp "$SECONDS_TO_RUN"

echo "== read back from $url/api/v1/query"
prometheus_report "$url" "$JOB"

echo
echo "Prometheus web UI: $url/graph?g0.expr=%7Bjob%3D%22$JOB%22%7D&g0.tab=0"
if $keep; then
  echo "Prometheus keeps running (pid $(cat "$workdir/prometheus.pid")). Stop it and delete its data with:"
  echo "  (source demo/lib.sh && prometheus_stop $workdir) && rm -rf $workdir"
else
  echo "Stopping Prometheus (run with --keep to leave it running)."
fi
