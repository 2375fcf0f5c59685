"""Expression conformance goldens: runs every case of tests/conformance/expressions/cases.json
through PySpark (df.selectExpr(expr).collect()) over the table in input.json and writes
tests/conformance/expressions/golden.json. Never edit golden.json by hand: rerun this.

    TZ=UTC python3 scripts/goldens/expressions.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from common import REPO, collect_encoded, decode, dump_lines, make_session, read_json, spark_error  # noqa: E402
from py4j.protocol import Py4JJavaError  # noqa: E402
from pyspark.errors.exceptions.captured import CapturedException  # noqa: E402
from pyspark.sql.types import _parse_datatype_string  # noqa: E402

HERE = os.path.join(REPO, "tests", "conformance", "expressions")


def build_input(spark, spec):
    schema = _parse_datatype_string(spec["schema"])
    rows = [tuple(decode(v, f.dataType) for v, f in zip(r, schema.fields)) for r in spec["rows"]]
    df = spark.createDataFrame(rows, schema)
    # The input must survive the trip into Spark unchanged (map order, timestamps, floats).
    _, back = collect_encoded(df)
    if back != spec["rows"]:
        for want, got in zip(spec["rows"], back):
            if want != got:
                raise SystemExit(f"input.json does not round-trip through Spark:\n want {want}\n got  {got}")
        raise SystemExit("input.json does not round-trip through Spark")
    return df


def run_case(spark, df, case):
    confs = case.get("conf", {})
    saved = {k: spark.conf.get(k, None) for k in confs}
    for k, v in confs.items():
        spark.conf.set(k, v)
    try:
        schema, rows = collect_encoded(df.selectExpr(case["expr"]))
        return {"id": case["id"], "schema": schema, "rows": rows}
    except (CapturedException, Py4JJavaError) as e:  # raised by Spark itself, not by PySpark
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
    spark = make_session("sluice-goldens-expressions", log_level="OFF")
    try:
        df = build_input(spark, spec)
        out = [run_case(spark, df, c) for c in cases]
    finally:
        spark.stop()
    with open(os.path.join(HERE, "golden.json"), "w", encoding="utf-8") as f:
        f.write(dump_lines(out))
    errors = sum(1 for o in out if "error" in o)
    print(f"expressions: {len(out)} cases ({len(out) - errors} values, {errors} errors)")


if __name__ == "__main__":
    main()
