#!/usr/bin/env bash
# Regenerates docs/images/console-*.png from a fresh graph: light theme, 1280x800, through the gateway as the administrator.
# Pages this build does not have are skipped and named in the output.
set -euo pipefail
cd "$(dirname "$0")/.."
DCE_SCREENSHOTS=1 dotnet test tests/Dce.AppHost.Tests --nologo \
  --filter "FullyQualifiedName~WebConsole.ScreenshotTests" \
  --logger "console;verbosity=detailed"
