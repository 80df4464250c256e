# Shell functions shared by demo/run.sh and .ci/run. Source it; it only defines functions.
# The receiver is started and read back by the Java harness the integration tests use
# (integration-tests/src/test/java/io/remora/{it/receivers,demo}), so flags and queries live in one place.

REMORA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Installs the Debian packages whose binary (same name) is missing. Needs root or sudo.
install_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "remora: missing ${missing[*]}; install as root with: apt-get install -y ${missing[*]}" >&2
      return 1
    fi
    sudo=sudo
  fi
  echo "remora: installing ${missing[*]} from Debian's packages" >&2
  # The packages would start system services (listening on all interfaces, scraping); we start our
  # own on loopback, so keep the services from starting unless the machine already has a policy.
  local policy=/usr/sbin/policy-rc.d added_policy=false
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
    added_policy=true
  fi
  local status=0
  $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    status=$?
  if $added_policy; then $sudo rm -f "$policy"; fi
  return $status
}

# Builds every module without running tests; the demo runs classes from integration-tests.
# Maven's output is shown only when the build fails.
remora_build() {
  local log status=0
  log=$(mktemp)
  (cd "$REMORA_ROOT" && mvn -B -q package -DskipTests) >"$log" 2>&1 || status=$?
  if [ $status -ne 0 ]; then cat "$log" >&2; fi
  rm -f "$log"
  return $status
}

# Runs a class from integration-tests' test classpath (written by the build).
remora_java() {
  local target="$REMORA_ROOT/integration-tests/target"
  java -cp "$target/test-classes:$target/classes:$(cat "$target/test-classpath.txt")" "$@"
}

# Starts Prometheus (remote-write receiver, free loopback port, data in DIR); prints its base URL.
prometheus_start() {
  remora_java io.remora.demo.DemoPrometheus start "$1"
}

# Stops the Prometheus started in DIR, if it is running.
prometheus_stop() {
  if [ -f "$1/prometheus.pid" ]; then
    remora_java io.remora.demo.DemoPrometheus stop "$1"
  fi
}

# Prints what arrived in the Prometheus at URL for JOB: families, series counts, latest values.
prometheus_report() {
  remora_java io.remora.demo.ArrivedReport "$1" "$2"
}
