#!/usr/bin/env bash
# Dce's two entry points on a fresh Debian/Ubuntu machine:
#   ./build.sh run    installs what is missing, then starts the platform with the dashboard
#   ./build.sh test   installs what is missing, then builds and runs the whole test suite
set -euo pipefail
cd "$(dirname "$0")"

# python3-kubernetes: the official Python client the KubeSim tests drive clusters with (run by /usr/bin/python3).
packages=(postgresql redis-server rabbitmq-server python3-kubernetes)
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
  rm -f "$log"
  echo "Tests: ${passed} passed, ${failed} failed"
  return "$status"
}

case "${1:-}" in
  run)
    install_missing
    exec dotnet run --project Dce.AppHost --launch-profile http
    ;;
  test)
    install_missing
    run_tests
    ;;
  *)
    echo "usage: ./build.sh run | test" >&2
    exit 2
    ;;
esac
