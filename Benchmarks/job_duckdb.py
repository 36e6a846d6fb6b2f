"""The benchmark job in DuckDB SQL, as an analyst would write it.

Usage: python job_duckdb.py DATA_DIR
Prints the normalised result (see normalise.py) as JSON on standard output.
"""
import json
import sys

import duckdb

GROUP = """
    CASE kind
        WHEN 'humanitarian_aid' THEN 'humanitarian_aid'
        WHEN 'comprehensive_assistance' THEN 'comprehensive_assistance'
        WHEN 'reintegration' THEN 'reintegration'
        ELSE 'return'
    END"""


def main(folder: str) -> None:
    db = duckdb.connect(config={"threads": 2})
    db.execute(f"""
        CREATE TEMP TABLE served AS
        SELECT a.migrant_id, a.kind, a.country, coalesce(m.sex, 'unknown') AS sex, {GROUP} AS grp
        FROM read_csv('{folder}/assistance.csv', header = true) AS a
        LEFT JOIN read_csv('{folder}/migrants.csv', header = true) AS m USING (migrant_id)
        WHERE a.delivered_on BETWEEN DATE '2022-01-01' AND DATE '2022-12-31'
    """)
    result = {"assisted": db.execute("SELECT count(DISTINCT migrant_id) FROM served").fetchone()[0]}
    result["assisted_by_sex"] = dict(
        db.execute("SELECT sex, count(DISTINCT migrant_id) FROM served GROUP BY sex").fetchall())
    result["groups"] = dict(db.execute("SELECT grp, count(DISTINCT migrant_id) FROM served GROUP BY grp").fetchall())
    yes, answers = db.execute(f"""
        SELECT count(*) FILTER (WHERE satisfied = 'yes'), count(*)
        FROM read_csv('{folder}/surveys.csv', header = true, types = {{'satisfied': 'VARCHAR'}})
        WHERE service = 'protection' AND answered_on BETWEEN DATE '2022-01-01' AND DATE '2022-12-31'
    """).fetchone()
    result["protection_satisfaction"] = [yes, answers]
    cells = {}
    for grp, country, sex, people in db.execute("""
        SELECT 'any', country, sex, count(DISTINCT migrant_id) FROM served GROUP BY country, sex
        UNION ALL
        SELECT grp, country, sex, count(DISTINCT migrant_id) FROM served GROUP BY grp, country, sex
    """).fetchall():
        cells.setdefault(grp, {})[f"{country}|{sex}"] = people
    result["by_country_sex"] = cells
    json.dump(result, sys.stdout, sort_keys=True)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
