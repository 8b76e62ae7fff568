#!/usr/bin/env bash
# Measures the console for docs/benchmarks.md: the first page after sign-in and a list of 1,000 pods (p50/p95 of 12 runs).
set -euo pipefail
cd "$(dirname "$0")/.."
DCE_BENCH=1 dotnet test tests/Dce.AppHost.Tests --nologo \
  --filter "FullyQualifiedName~WebConsole.BenchmarkTests" \
  --logger "console;verbosity=detailed"
