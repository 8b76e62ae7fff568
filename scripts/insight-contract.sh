#!/usr/bin/env bash
# Counts DCE 5.0's insight operations (method and path, from the published swagger the module embeds) that Insight
# serves and that its contract walk proved: a 2xx with real data that validates against DCE's schema.
# Runs the walk (tests/Dce.Insight.Tests, ContractTests) against a live module, then prints the count.
set -euo pipefail
cd "$(dirname "$0")/.."
report=TestResults/insight-contract.txt
rm -f "$report"
log=$(mktemp)
status=0
dotnet test tests/Dce.Insight.Tests --nologo --filter "FullyQualifiedName~Contract.ContractTests" \
  --logger "console;verbosity=detailed" > "$log" 2>&1 || status=$?
grep -aE "^ *(Passed!|Failed!)|^ *[0-9]+ of [0-9]+ DCE operations proved" "$log" | sort -u || true
if [[ $status -ne 0 ]]; then
  grep -a -A40 "Error Message" "$log" | head -60 >&2
  echo "the contract walk failed; the full log is $log" >&2
  exit "$status"
fi
total=$(python3 -c '
import json,sys
d=json.load(open("modules/Dce.Insight/Apis/Contract/insight.swagger.json"))
print(sum(1 for p in d["paths"].values() for m in p if m in ("get","put","post","delete","patch")))')
if [[ ! -f "$report" ]]; then
  echo "the contract walk wrote no report" >&2
  exit 1
fi
echo "$(wc -l < "$report") of ${total} insight operations proved by the contract walk (list: ${report})"
