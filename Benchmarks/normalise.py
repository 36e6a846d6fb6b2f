"""Turns compass's JSON report of the benchmark job into the shape the DuckDB and Polars jobs print.

The shape: {"assisted": n, "assisted_by_sex": {sex: n}, "groups": {group: n},
"protection_satisfaction": [yes, answers], "by_country_sex": {group or "any": {"COUNTRY|sex": n}}},
with zero counts left out, as GROUP BY leaves them out.
"""
GROUPS = ["humanitarian_aid", "comprehensive_assistance", "return", "reintegration"]


def from_compass(report: dict) -> dict:
    indicators = {indicator["id"]: indicator for indicator in report["indicators"]}

    def cells(indicator: dict) -> dict:
        (crossed,) = indicator["cross_breakdowns"]
        return {f"{cell['first']}|{cell['second']}": cell["value"] for cell in crossed["cells"] if cell["value"]}

    satisfaction = indicators["protection_satisfaction"]
    return {
        "assisted": indicators["assisted"]["value"],
        "assisted_by_sex": {sex: n for sex, n in indicators["assisted"]["breakdowns"]["sex"].items() if n},
        "groups": {group: indicators[group]["value"] for group in GROUPS if indicators[group]["value"]},
        "protection_satisfaction": [satisfaction["numerator"], satisfaction["denominator"]],
        "by_country_sex": {
            ("any" if name == "assisted" else name): cells(indicators[name])
            for name in ["assisted"] + GROUPS
            if indicators[name]["value"]
        },
    }
