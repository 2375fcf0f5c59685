"""show() and printSchema goldens: the exact text of Dataset.showString(n, truncate, vertical=false)
and of schema.treeString for DataFrames selected from the expression suite's input table
(tests/conformance/expressions/input.json). Writes tests/conformance/show/golden.json; never edit
that file by hand, rerun this.

    TZ=UTC python3 scripts/goldens/show.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from common import REPO, dump_lines, make_session, read_json  # noqa: E402
from expressions import build_input  # noqa: E402

OUT = os.path.join(REPO, "tests", "conformance", "show", "golden.json")

# Each case: the selectExpr list, an optional filter applied first, n and truncate as Spark's
# Dataset.showString takes them (truncate: 0 = never, k = cut cells longer than k characters).
CASES = [
    {"id": "numbers", "exprs": ["i", "l", "sh", "ti", "d", "f", "dec"], "n": 20, "truncate": 20},
    {"id": "strings_truncated", "exprs": ["s", "js", "n_str"], "n": 20, "truncate": 20},
    {"id": "strings_untruncated", "exprs": ["s", "js", "n_str"], "n": 20, "truncate": 0},
    {"id": "strings_truncate_5", "exprs": ["s", "js"], "n": 20, "truncate": 5},
    {"id": "strings_truncate_3", "exprs": ["s", "ts_str"], "n": 20, "truncate": 3},
    {"id": "unicode_width", "exprs": ["s", "upper(s)", "'日本語テキスト' AS wide", "length(s) AS len"], "n": 20, "truncate": 0},
    {"id": "nulls", "exprs": ["i", "s", "b", "dt", "st", "arr", "m", "NULL AS nothing"], "n": 20, "truncate": 20, "filter": "i IS NULL OR i = 0"},
    {"id": "nested", "exprs": ["arr", "m", "st", "struct(st, arr) AS nested", "array(m) AS maps", "array(st) AS structs"], "n": 20, "truncate": 0},
    {"id": "nested_truncated", "exprs": ["arr", "m", "struct(st, arr, m) AS nested"], "n": 20, "truncate": 20},
    {"id": "datetimes", "exprs": ["ts", "dt", "CAST(ts AS TIMESTAMP_NTZ) AS ntz", "to_timestamp(ts_str) AS parsed"], "n": 20, "truncate": 0},
    {"id": "intervals", "exprs": ["INTERVAL 5 SECONDS AS five_s", "make_dt_interval(0, 0, 0, delay_seconds) AS delay", "ts - TIMESTAMP'2024-01-01 00:00:00' AS since", "INTERVAL '1-2' YEAR TO MONTH AS ym"], "n": 20, "truncate": 0},
    {"id": "decimals_doubles", "exprs": ["dec", "d", "d * 1e10 AS big", "CAST(d AS FLOAT) AS fl", "1.0E-5D AS tiny", "dec * dec AS sq", "1e7D AS e7", "1234567.0D AS below_e7", "-0.0D AS neg_zero"], "n": 20, "truncate": 0},
    {"id": "binary_boolean", "exprs": ["bin", "CAST(s AS BINARY) AS sb", "b", "i > 0 AS pos"], "n": 20, "truncate": 20},
    {"id": "generated_names", "exprs": ["i + 1", "concat(s, '!')", "CAST(i AS STRING)", "st.x", "m['a']", "arr[0]"], "n": 20, "truncate": 20, "filter": "i = 1"},
    {"id": "empty", "exprs": ["i", "s", "ts"], "n": 20, "truncate": 20, "filter": "i > 1000000000"},
    {"id": "top_3_of_6", "exprs": ["i", "s"], "n": 3, "truncate": 20},
    {"id": "top_1_of_6", "exprs": ["dec", "ts"], "n": 1, "truncate": 20},
    {"id": "top_0", "exprs": ["i"], "n": 0, "truncate": 20},
    {"id": "exact_n", "exprs": ["i"], "n": 6, "truncate": 20},
]


def main():
    spec = read_json(os.path.join(REPO, "tests", "conformance", "expressions", "input.json"))
    spark = make_session("sluice-goldens-show")
    out = []
    try:
        base = build_input(spark, spec)
        for case in CASES:
            df = base.filter(case["filter"]) if "filter" in case else base
            df = df.selectExpr(*case["exprs"])
            out.append({
                **case,
                "text": df._jdf.showString(case["n"], case["truncate"], False),
                "schemaTree": df._jdf.schema().treeString(),
            })
    finally:
        spark.stop()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(dump_lines(out))
    print(f"show: {len(out)} cases")


if __name__ == "__main__":
    main()
