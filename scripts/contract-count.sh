#!/usr/bin/env bash
# Counts DCE 5.0's operations of one module (method and path, from the published swagger the module embeds) that the
# module serves and that its contract walk proved: a 2xx with real data that validates against DCE's schema.
# Runs the module's walk (ContractTests of its test project) against a live module, then prints the count.
#   scripts/contract-count.sh kpanda | kairship | insight
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  kpanda) project=Dce.ContainerManagement ;;
  kairship) project=Dce.Multicloud ;;
  insight) project=Dce.Insight ;;
  *) echo "usage: scripts/contract-count.sh kpanda | kairship | insight" >&2; exit 2 ;;
esac
api=$1
report=TestResults/${api}-contract.txt
rm -f "$report"
log=$(mktemp)
status=0
dotnet test "tests/${project}.Tests" --nologo --filter "FullyQualifiedName~Contract.ContractTests" \
  --logger "console;verbosity=detailed" > "$log" 2>&1 || status=$?
grep -aE "^ *(Passed!|Failed!)|^ *[0-9]+ of [0-9]+ DCE operations proved" "$log" | sort -u || true
if [[ $status -ne 0 ]]; then
  grep -a -A40 "Error Message" "$log" | head -60 >&2
  echo "the contract walk failed; the full log is $log" >&2
  exit "$status"
fi
total=$(python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
print(sum(1 for p in d["paths"].values() for m in p if m in ("get","put","post","delete","patch")))' "modules/${project}/Apis/Contract/${api}.swagger.json")
if [[ ! -f "$report" ]]; then
  echo "the contract walk wrote no report" >&2
  exit 1
fi
echo "$(wc -l < "$report") of ${total} ${api} operations proved by the contract walk (list: ${report})"
