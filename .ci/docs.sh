#!/usr/bin/env bash
# Builds the DocC documentation of every library module offline with the toolchain's docc,
# warnings as errors, and checks that every public declaration has a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
# Inside the scratch folder, so that an incremental build keeps the graphs of modules it does not recompile.
graphs="$PWD/.build-docs/symbol-graphs"
mkdir -p "$graphs"
out=$(mktemp -d)
swift build --scratch-path .build-docs -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir \
    -Xswiftc "$graphs" 2>&1 | grep -E "error|warning:" && { echo "the documentation build printed warnings"; exit 1; }
modules=$(swift package dump-package | python3 -c '
import json, sys
package = json.load(sys.stdin)
print(" ".join(t["name"] for t in package["targets"] if t["type"] == "regular"))')
for module in $modules; do
    # The C targets (CCompassAllocator, CCompassScan) have no Swift symbols to document.
    compgen -G "Sources/$module/*.swift" >/dev/null || { echo "$module: C, no documentation"; continue; }
    catalog="Sources/$module/$module.docc"
    [ -d "$catalog" ] || { echo "$module has no DocC catalog at $catalog"; exit 1; }
    module_graphs=$(mktemp -d)
    cp "$graphs/$module".symbols.json "$graphs/$module"@*.symbols.json "$module_graphs"/ 2>/dev/null || true
    docc convert "$catalog" --additional-symbol-graph-dir "$module_graphs" --fallback-display-name "$module" \
        --fallback-bundle-identifier "org.compass.$module" --output-path "$out/$module.doccarchive" \
        --warnings-as-errors
    echo "$module: documentation built"
done
public_graphs=$(mktemp -d)
for module in $modules; do cp "$graphs/$module".symbols.json "$graphs/$module"@*.symbols.json "$public_graphs"/ 2>/dev/null || true; done
python3 .ci/doc-coverage.py "$public_graphs"
