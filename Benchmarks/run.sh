#!/usr/bin/env bash
# The speed benchmark, in one command: Benchmarks/run.sh [SIZES…]
# Sets up DuckDB and Polars in a virtual environment, builds compass in release mode, writes the
# datasets with `compass sample`, checks that the three tools give identical numbers, and prints
# the table of median wall time and peak memory over alternating runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet duckdb polars
fi
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
(cd "$root" && swift build -c release --product compass 2>&1 | tail -1)
exec "$venv/bin/python" "$here/run.py" --compass "$root/.build/release/compass" "$@"
