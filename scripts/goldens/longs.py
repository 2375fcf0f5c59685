"""Exact-long conformance goldens (issue 17): every case of tests/conformance/longs/cases.json,
either an expression (df.selectExpr(expr) over the table in input.json) or a query (spark.sql over
that table as the view `t`), run through PySpark; writes tests/conformance/longs/golden.json.
Never edit golden.json by hand: rerun this.

    TZ=UTC python3 scripts/goldens/longs.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from common import REPO, collect_encoded, decode, dump_lines, make_session, read_json, spark_error  # noqa: E402
from py4j.protocol import Py4JJavaError  # noqa: E402
from pyspark.errors.exceptions.captured import CapturedException  # noqa: E402
from pyspark.sql.types import _parse_datatype_string  # noqa: E402

HERE = os.path.join(REPO, "tests", "conformance", "longs")


def build_input(spark, spec):
    schema = _parse_datatype_string(spec["schema"])
    rows = [tuple(decode(v, f.dataType) for v, f in zip(r, schema.fields)) for r in spec["rows"]]
    df = spark.createDataFrame(rows, schema)
    _, back = collect_encoded(df)
    if back != spec["rows"]:
        raise SystemExit(f"input.json does not round-trip through Spark:\n want {spec['rows']}\n got  {back}")
    return df


def run_case(spark, df, case):
    confs = case.get("conf", {})
    saved = {k: spark.conf.get(k, None) for k in confs}
    for k, v in confs.items():
        spark.conf.set(k, v)
    try:
        query = spark.sql(case["sql"]) if "sql" in case else df.selectExpr(case["expr"])
        schema, rows = collect_encoded(query)
        return {"id": case["id"], "schema": schema, "rows": rows}
    except (CapturedException, Py4JJavaError) as e:
        return {"id": case["id"], "error": spark_error(e)}
    finally:
        for k, v in saved.items():
            if v is None:
                spark.conf.unset(k)
            else:
                spark.conf.set(k, v)


def main():
    spec = read_json(os.path.join(HERE, "input.json"))
    cases = read_json(os.path.join(HERE, "cases.json"))
    ids = [c["id"] for c in cases]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"duplicate case ids: {dupes}")
    spark = make_session("sluice-goldens-longs", log_level="OFF")
    try:
        df = build_input(spark, spec)
        df.createOrReplaceTempView("t")
        out = [run_case(spark, df, c) for c in cases]
    finally:
        spark.stop()
    with open(os.path.join(HERE, "golden.json"), "w", encoding="utf-8") as f:
        f.write(dump_lines(out))
    errors = sum(1 for o in out if "error" in o)
    print(f"longs: {len(out)} cases ({len(out) - errors} values, {errors} errors)")


if __name__ == "__main__":
    main()
