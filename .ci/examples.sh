#!/usr/bin/env bash
# Builds and tests the example package, which depends on this one by path, as a user's would;
# then runs the compass-report command plugin in it, on data written by `compass sample`.
# First builds Examples/Documented, a package holding every Swift example of the documentation
# verbatim: a package written only from the documentation must compile, without warnings.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

echo "== Examples/Documented: every Swift example of README.md and Documentation/*.md"
cd "$root/Examples/Documented"
swift build 2>&1 | tee /tmp/compass-documented-build.log | tail -1
if grep -E "warning:|error:" /tmp/compass-documented-build.log; then echo "the documented examples printed warnings"; exit 1; fi

echo "== Examples/FieldOffice"
cd "$root/Examples/FieldOffice"
swift build 2>&1 | tee /tmp/compass-example-build.log | tail -1
if grep -E "warning:|error:" /tmp/compass-example-build.log; then echo "the example printed warnings"; exit 1; fi
swift test

echo "== the compass-report plugin, in the example package"
data="$(mktemp -d)"
reports="$(mktemp -d)"
trap 'rm -rf "$data" "$reports"' EXIT
"$root/.build/debug/compass" sample --calibrated 2022 --output "$data/Data"
swift package --allow-writing-to-package-directory compass-report \
    --data "$data/Data" --format html --language fr --output "$reports/"
python3 -c 'import sys; sys.exit("41\u00a0562" not in open(sys.argv[1], encoding="utf-8").read())' \
    "$reports/compass-report.html" || { echo "the plugin's French report lacks the 2022 figure 41 562"; exit 1; }
echo "ok: the plugin wrote $(wc -c < "$reports/compass-report.html") bytes of HTML"
