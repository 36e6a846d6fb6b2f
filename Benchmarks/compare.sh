#!/usr/bin/env bash
# Before/after of two compass binaries on the speed job, alternating runs on one machine:
#   Benchmarks/compare.sh OLD_BINARY NEW_BINARY [SIZES…]   (default sizes: 100000 1000000)
# Uses the datasets Benchmarks/run.sh wrote in /tmp/compass-bench/SIZE, checks that both binaries
# print the same JSON, runs them ROUNDS times each (default 5) in alternation under /usr/bin/time,
# and prints the median wall time (s) and peak RSS (MiB) of each.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
old="$1"
new="$2"
shift 2
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
rounds="${ROUNDS:-5}"
catalogue="$here/job-catalogue.json"
median() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for size in "${sizes[@]}"; do
    data="/tmp/compass-bench/$size"
    [ -f "$data/assistance.csv" ] || { echo "no dataset in $data: run Benchmarks/run.sh $size first" >&2; exit 1; }
    job=(report --data "$data" --period 2022 --format json --catalogue "$catalogue")
    "$old" "${job[@]}" >"$work/old.json" 2>/dev/null
    "$new" "${job[@]}" >"$work/new.json" 2>/dev/null
    cmp -s "$work/old.json" "$work/new.json" || { echo "$size migrants: the two binaries disagree" >&2; exit 1; }
    : >"$work/old.txt"
    : >"$work/new.txt"
    for _ in $(seq "$rounds"); do
        for which in old new; do
            binary="$old"
            [ "$which" = new ] && binary="$new"
            /usr/bin/time -f "%e %M" -o "$work/time.txt" "$binary" "${job[@]}" >/dev/null 2>/dev/null
            cat "$work/time.txt" >>"$work/$which.txt"
        done
    done
    for which in old new; do
        seconds="$(awk '{ print $1 }' "$work/$which.txt" | median)"
        mib="$(awk '{ print $2 / 1024 }' "$work/$which.txt" | median)"
        printf '%s migrants  %s  median of %s: %s s  %.0f MiB\n' "$size" "$which" "$rounds" "$seconds" "$mib"
    done
done
