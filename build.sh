#!/usr/bin/env bash
# Dce's two entry points on a fresh Debian/Ubuntu machine:
#   ./build.sh run [--ha]       installs what is missing, then starts the platform with the dashboard
#                               (--ha: two replicas of every module and of the gateway, haproxy as the entry)
#   ./build.sh test             installs what is missing, then builds and runs the whole test suite
#   ./build.sh upgrade <module> replaces the replicas of a module of the running --ha platform one by one with a new build
set -euo pipefail
cd "$(dirname "$0")"

# python3-kubernetes: the official Python client the KubeSim tests drive clusters with (run by /usr/bin/python3).
# haproxy: the entry before the gateway replicas of the high-availability profile.
# chromium: the browser the console's tests drive (Playwright with ExecutablePath=/usr/bin/chromium).
# victoria-metrics (with vmalert) and prometheus-alertmanager: Insight's metrics and alerting engines.
packages=(postgresql redis-server rabbitmq-server haproxy python3-kubernetes chromium victoria-metrics prometheus-alertmanager)
# Commands the tests run, with the package that brings each when it is missing (a NodeSource nodejs brings npm too).
commands=(node:nodejs npm:npm)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
    exit 1
  fi
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  for entry in "${commands[@]}"; do
    command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${missing[*]}"
    as_root apt-get update -qq
    # The packaged services are not started: Dce runs its own servers on loopback.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

run_tests() {
  local log
  log=$(mktemp)
  set +e
  dotnet test Dce.sln --nologo 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  local passed failed
  passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
  failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
  # Why each test failed and then their names come last, where a reader of the log's tail finds them.
  if [ "$failed" -gt 0 ]; then
    echo "Why they failed (the first lines of each message, in the order they failed):"
    awk '/^ +Failed [A-Za-z_]/ { name = $2; next }
         /^ +Error Message:/ { printing = 1; shown = 0; print "- " name; next }
         /^ +Stack Trace:/ { printing = 0 }
         printing && shown < 12 { print "    " substr($0, 1, 300); shown++ }' "$log" || true
    echo "Failed tests:"
    grep -E '^ +Failed [A-Za-z_]' "$log" | sed -E 's/ \[[^]]*\]$//' | sort -u || true
  fi
  rm -f "$log"
  echo "Tests: ${passed} passed, ${failed} failed"
  return "$status"
}

# Asks the running high-availability graph for a rolling upgrade through its inbox and follows it to the end.
upgrade() {
  local module=${1:-}
  case "$module" in
    ghippo|kpanda|clusterpedia|gateway|console) ;;
    *) echo "usage: ./build.sh upgrade ghippo|kpanda|clusterpedia|gateway|console" >&2; exit 2 ;;
  esac
  local inbox=${DCE_UPGRADE_INBOX:-}
  if [ -z "$inbox" ] && [ -f Dce.AppHost/.dce-upgrade-inbox ]; then inbox=$(cat Dce.AppHost/.dce-upgrade-inbox); fi
  if [ -z "$inbox" ] || [ ! -d "$inbox" ]; then
    echo "No high-availability platform is running: start it with ./build.sh run --ha" >&2
    exit 1
  fi
  local id
  id="$(date -u +%Y%m%d%H%M%S)-$$"
  printf '%s\n' "$module" >"$inbox/$id.tmp"
  mv "$inbox/$id.tmp" "$inbox/$id.request"
  local shown=0 waited=0
  while [ ! -f "$inbox/$id.result" ]; do
    if [ -f "$inbox/$id.log" ]; then
      tail -n "+$((shown + 1))" "$inbox/$id.log"
      shown=$(wc -l <"$inbox/$id.log")
    elif [ -f "$inbox/$id.request" ] && [ "$waited" -ge 30 ]; then
      echo "The platform did not take the upgrade request: is it running with --ha?" >&2
      rm -f "$inbox/$id.request"
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  [ -f "$inbox/$id.log" ] && tail -n "+$((shown + 1))" "$inbox/$id.log"
  [ "$(cat "$inbox/$id.result")" = succeeded ]
}

case "${1:-}" in
  run)
    install_missing
    profile=http
    if [ "${2:-}" = "--ha" ]; then profile=ha; fi
    exec dotnet run --project Dce.AppHost --launch-profile "$profile"
    ;;
  upgrade)
    upgrade "${2:-}"
    ;;
  test)
    install_missing
    run_tests
    ;;
  *)
    echo "usage: ./build.sh run [--ha] | test | upgrade <module>" >&2
    exit 2
    ;;
esac
