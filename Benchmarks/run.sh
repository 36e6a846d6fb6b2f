#!/usr/bin/env bash
# The speed benchmark, in one command: Benchmarks/run.sh [SIZES…]
# Sets up DuckDB and Polars in a virtual environment, builds compass in release mode, writes the
# datasets with `compass sample`, checks that the three tools give identical numbers, and prints
# the table of median wall time and peak memory over alternating runs; then builds Engine/ and
# prints the engine alone on data in memory, pinned to one core (engine-throughput).
#   --no-engine            only the end-to-end table
#   --engine-only          only the engine (no virtual environment, no compass build, SIZES ignored)
#   --engine-migrants N    migrants generated in memory for the engine (default 1000000)
#   --engine-rounds R      timed rounds per catalogue for the engine (default 9)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
end_to_end=yes
engine=yes
for argument in "$@"; do
    case "$argument" in
        --engine-only) end_to_end=no ;;
        --no-engine) engine=no ;;
    esac
done
[ "$end_to_end" = yes ] || [ "$engine" = yes ] || { echo "--engine-only and --no-engine leave nothing to run" >&2; exit 2; }
python=python3
paths=()
# Builds a product in release mode, printing the last line, or the errors when it fails. An
# incremental build of the Engine package can keep objects compiled against an older library
# (a changed signature then fails to link) or miss a source file added to it since: a failed
# build is retried once from a clean slate (the Engine package's whole .build folder).
build() {
    local folder="$1" product="$2" log
    shift 2
    log="$(mktemp)"
    if ! (cd "$folder" && swift build -c release --product "$product" "$@" >"$log" 2>&1); then
        echo "building $product failed; building it again from scratch" >&2
        [ "$folder" = "$root" ] || rm -rf "$folder/.build"
        (cd "$folder" && swift build -c release --product "$product" "$@" >"$log" 2>&1) || { grep -E "error" "$log" >&2; exit 1; }
    fi
    tail -1 "$log"
    rm -f "$log"
}
if [ "$end_to_end" = yes ]; then
    venv="$here/.venv"
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet duckdb polars
    fi
    python="$venv/bin/python"
    command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
    # compass as it is shipped on Linux: the Swift runtime linked in (--static-swift-stdlib), so
    # that the process does not spend its first milliseconds loading and binding the runtime's
    # shared libraries. Built apart from .build, so that the usual release build is left as it is.
    build "$root" compass --static-swift-stdlib --scratch-path "$root/.build-static"
    paths+=(--compass "$root/.build-static/release/compass")
fi
if [ "$engine" = yes ]; then
    # Always from an empty .build: an incremental build of this package once linked objects
    # compiled against an older layout of the library's types, and the binary crashed.
    rm -rf "$here/Engine/.build"
    build "$here/Engine" engine-throughput
    paths+=(--engine "$here/Engine/.build/release/engine-throughput")
fi
exec "$python" "$here/run.py" "${paths[@]}" "$@"
