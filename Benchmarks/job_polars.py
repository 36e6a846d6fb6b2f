"""The benchmark job in Polars, as an analyst would write it.

Usage: python job_polars.py DATA_DIR
Prints the normalised result (see normalise.py) as JSON on standard output.
"""
import json
import sys
from datetime import date

import polars as pl


def main(folder: str) -> None:
    start, end = date(2022, 1, 1), date(2022, 12, 31)
    migrants = pl.scan_csv(f"{folder}/migrants.csv", schema_overrides={"migrant_id": pl.String}).select(
        "migrant_id", "sex")
    served = (
        pl.scan_csv(f"{folder}/assistance.csv", try_parse_dates=True, schema_overrides={"migrant_id": pl.String})
        .filter(pl.col("delivered_on").is_between(start, end))
        .join(migrants, on="migrant_id", how="left")
        .with_columns(
            pl.col("sex").fill_null("unknown"),
            pl.when(pl.col("kind").is_in(["humanitarian_aid", "comprehensive_assistance", "reintegration"]))
            .then(pl.col("kind"))
            .otherwise(pl.lit("return"))
            .alias("grp"),
        )
        .select("migrant_id", "country", "sex", "grp")
        .collect()
    )
    distinct = pl.col("migrant_id").n_unique().alias("people")
    result = {"assisted": served["migrant_id"].n_unique()}
    result["assisted_by_sex"] = dict(served.group_by("sex").agg(distinct).iter_rows())
    result["groups"] = dict(served.group_by("grp").agg(distinct).iter_rows())
    surveys = (
        pl.scan_csv(f"{folder}/surveys.csv", try_parse_dates=True)
        .filter((pl.col("service") == "protection") & pl.col("answered_on").is_between(start, end))
        .select((pl.col("satisfied") == "yes").sum().alias("yes"), pl.len().alias("all"))
        .collect()
    )
    result["protection_satisfaction"] = [int(surveys["yes"][0]), int(surveys["all"][0])]
    cells = {"any": {}}
    for country, sex, people in served.group_by("country", "sex").agg(distinct).iter_rows():
        cells["any"][f"{country}|{sex}"] = people
    for grp, country, sex, people in served.group_by("grp", "country", "sex").agg(distinct).iter_rows():
        cells.setdefault(grp, {})[f"{country}|{sex}"] = people
    result["by_country_sex"] = cells
    json.dump(result, sys.stdout, sort_keys=True)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
