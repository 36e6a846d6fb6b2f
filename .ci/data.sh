#!/usr/bin/env bash
# CI for the data reader (issue #5): builds the libFuzzer targets of Fuzz/ and runs each
# for a fixed time on the committed seed corpus; fails on any crash, leak or timeout.
# Usage: bash .ci/data.sh   (FUZZ_SECONDS overrides the time per fuzzer, 45 by default)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${FUZZ_SECONDS:-45}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root/Fuzz"
echo "== data: building the fuzz targets (release, -sanitize=fuzzer,address)"
for product in fuzz-csv fuzz-dataset-json; do
    swift build -c release --product "$product" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address
done
bin="$(swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --show-bin-path)"

run() {
    local product="$1" corpus="$2"
    echo "== data: $product for ${seconds}s on Fuzz/Corpus/$corpus"
    mkdir -p "$work/$corpus"
    # New inputs go to the scratch directory first named; the committed corpus is only read.
    if ! SWIFT_BACKTRACE=enable=no "$bin/$product" "$work/$corpus" "$root/Fuzz/Corpus/$corpus" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$work/" -print_final_stats=1 >"$work/$product.log" 2>&1; then
        tail -n 60 "$work/$product.log"
        for artifact in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
            [ -e "$artifact" ] || continue
            echo "-- $artifact (base64):"
            base64 "$artifact" | head -c 4000
            echo
        done
        echo "FAIL: $product found a crash, leak, timeout or out-of-memory input"
        return 1
    fi
    grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|Done [0-9]+ runs)" "$work/$product.log" || true
    echo "ok: $product ran clean"
}

run fuzz-csv csv
run fuzz-dataset-json json
echo "== data: all fuzzers ran clean"
