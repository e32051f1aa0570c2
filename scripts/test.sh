#!/usr/bin/env bash
# Set up, then run the unit tests, the evaluation gate (it skips clearly when ../shared is missing)
# and the browser tests (they skip clearly when chromium or playwright is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
# With the optional all-mpnet-base-v2 (438 MB, numpy + safetensors, no torch) so that its unit tests and the
# MSRP gate of what `claimgraph pairs` runs with it are exercised; the demo does not need it.
bash scripts/setup.sh --mpnet
run() {  # pytest exit 5 = "no tests collected": not a failure for an optional marker
  local rc=0
  .venv/bin/python -m pytest "$@" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 5 ]; then exit "$rc"; fi
}
.venv/bin/python -m pytest -q
run -q -rs -m evaluation
run -q -rs -m browser
