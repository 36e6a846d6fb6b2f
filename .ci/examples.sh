#!/usr/bin/env bash
# Builds and tests the example package, which depends on this one by path, as a user's would.
set -euo pipefail
cd "$(dirname "$0")/../Examples/FieldOffice"
swift build 2>&1 | tee /tmp/compass-example-build.log | tail -1
if grep -E "warning:|error:" /tmp/compass-example-build.log; then echo "the example printed warnings"; exit 1; fi
swift test
