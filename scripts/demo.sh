#!/usr/bin/env bash
# Set up, then analyse the example corpus (the two seed articles) and print the briefing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/claimgraph analyze examples/*.txt --format json -o out/examples.json
echo "analysis JSON: out/examples.json" >&2
.venv/bin/claimgraph analyze examples/*.txt --format md
