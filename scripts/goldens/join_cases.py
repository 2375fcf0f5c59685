"""Writes the stream-stream join cases of the streaming conformance suite (tests/conformance/
streaming/cases/join_*: case.json, query.py, query.ts and each input's batch files) from the data
sets and queries below; streaming.py then runs them through PySpark for their golden.json.

    python3 scripts/goldens/join_cases.py            # prints the case names
    TZ=UTC python3 scripts/goldens/streaming.py $(python3 scripts/goldens/join_cases.py)
"""
import json, os
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "conformance", "streaming", "cases")
SCHEMA = "k INT, ts TIMESTAMP, v STRING"
def t(s):
    m, s = divmod(s, 60)
    return f"2024-01-01 00:{m:02d}:{s:02d}"
# data set A: impressions (left) and clicks (right); range conditions
A_LEFT = [
    [(1, 0, "a"), (2, 5, "b"), (3, 8, "c"), (None, 9, "n")],
    [(4, 30, "d"), (1, 32, "e"), (5, 35, "f")],
    [(6, 60, "g"), (2, 1, "late-b")],
    [(7, 100, "h"), (8, 101, "i")],
    [(9, 150, "j")],
]
A_RIGHT = [
    [(1, 3, "x1"), (3, 20, "x3"), (None, 9, "xn")],
    [(2, 12, "x2"), (1, 36, "x1b"), (9, 31, "x9"), (4, 33, "x4")],
    [(5, 40, "x5"), (4, 2, "late-4")],
    [(6, 65, "x6"), (7, 130, "x7"), (6, 68, "x6b")],
    [(8, 160, "x8")],
]
# data set B: equal event times on both sides (a watermark in the join keys)
B_LEFT = [
    [(1, 0, "a"), (2, 10, "b"), (3, 20, "c")],
    [(1, 10, "d"), (4, 40, "e")],
    [(2, 3, "late"), (5, 60, "f")],
    [(6, 90, "g")],
    [(7, 120, "h")],
]
B_RIGHT = [
    [(1, 0, "x"), (2, 10, "y")],
    [(3, 20, "z"), (9, 40, "w"), (1, 10, "y2")],
    [(5, 60, "u"), (1, 5, "late")],
    [(4, 40, "v"), (6, 90, "s")],
    [(7, 120, "t")],
]
# data set C: no watermark, plain keys, several rows per key
C_LEFT = [
    [(1, 0, "a"), (1, 1, "b"), (2, 2, "c")],
    [(2, 3, "d"), (3, 4, "e")],
    [(1, 5, "f")],
]
C_RIGHT = [
    [(1, 0, "x"), (3, 1, "y")],
    [(1, 2, "z"), (2, 3, "w"), (2, 4, "w2")],
    [(4, 5, "u")],
]
PY_PRE = '''    imp = df.selectExpr("k AS ik", "ts AS it", "v AS iv"){wl}
    clk = other.selectExpr("k AS ck", "ts AS ct", "v AS cv"){wr}
'''
TS_PRE = '''  const imp = df.selectExpr("k AS ik", "ts AS it", "v AS iv"){wl};
  const clk = other.selectExpr("k AS ck", "ts AS ct", "v AS cv"){wr};
'''
RANGE = "ik = ck AND ct >= it AND ct <= it + interval 10 seconds"
KEYT = "ik = ck AND it = ct"
def wm(col, d):
    return f'.withWatermark("{col}", "{d}")'
cases = []
def case(name, desc, data, cond, how, mode="append", wl="10 seconds", wr="20 seconds", post_py="", post_ts="", conf=None, expr_py=None, expr_ts=None):
    cases.append(dict(name=name, desc=desc, data=data, cond=cond, how=how, mode=mode, wl=wl, wr=wr, post_py=post_py, post_ts=post_ts, conf=conf, expr_py=expr_py, expr_ts=expr_ts))
A = (A_LEFT, A_RIGHT); B = (B_LEFT, B_RIGHT); C = (C_LEFT, C_RIGHT)
case("join_inner_keys_no_watermark", "Stream-stream inner join on a key, no watermark: every row is kept, matches across batches both ways", C, "ik = ck", "inner", wl=None, wr=None)
case("join_inner_range", "Inner join of impressions and clicks within 10 seconds; watermarks 10 s / 20 s; late rows on each side dropped; state evicted by the range condition", A, RANGE, "inner")
case("join_left_outer_range", "Left outer join within a range: unmatched impressions come out with nulls in the batch their state is evicted", A, RANGE, "left_outer")
case("join_right_outer_range", "Right outer join within a range: unmatched clicks come out with nulls when the click state is evicted", A, "ik = ck AND it >= ct - interval 10 seconds AND it <= ct", "right_outer")
case("join_full_outer_range", "Full outer join within a range on both sides", A, "ik = ck AND ct >= it - interval 5 seconds AND ct <= it + interval 10 seconds", "full_outer")
case("join_left_semi_range", "Left semi join within a range: each impression once, when its first click arrives", A, RANGE, "left_semi")
case("join_inner_range_between", "Inner join with the range as BETWEEN", A, "ik = ck AND ct BETWEEN it AND it + interval 10 seconds", "inner")
case("join_inner_range_strict", "Inner join with strict bounds (< and >), which move the state watermark by one millisecond less", A, "ik = ck AND ct > it AND ct < it + interval 10 seconds", "inner")
case("join_left_outer_range_residual", "Left outer join with a range and a residual condition over both sides", A, RANGE + " AND iv != cv", "left_outer")
case("join_left_outer_left_only_condition", "Left outer join with a condition on the left side only: rows failing it come out with nulls at once", A, RANGE + " AND iv != 'b'", "left_outer")
case("join_inner_right_only_condition", "Inner join with a condition on the right side only", A, RANGE + " AND cv != 'x1b'", "inner")
case("join_inner_time_key", "Inner join with the event time in the join keys: both sides' state evicted by key", B, KEYT, "inner")
case("join_left_outer_time_key", "Left outer join with the event time in the join keys: nulls when the key falls behind the watermark", B, KEYT, "left_outer")
case("join_right_outer_time_key", "Right outer join with the event time in the join keys", B, KEYT, "right_outer")
case("join_full_outer_time_key", "Full outer join with the event time in the join keys", B, KEYT, "full_outer")
case("join_left_semi_time_key", "Left semi join with the event time in the join keys", B, KEYT, "left_semi")
case("join_inner_time_key_left_watermark_only", "Inner join on the event time with a watermark on the left side only", B, KEYT, "inner", wr=None)
case("join_inner_one_watermark_range", "Inner join within a range, watermark on the clicks only: no state is evicted (a side's state watermark needs its own event-time column and a watermark on the other side)", A, RANGE, "inner", wl=None)
case("join_inner_then_count", "Inner join on the event time, then a windowed count of the joined rows (append)", B, KEYT, "inner",
     post_py='.groupBy(F.window("it", "30 seconds")).agg(F.count("*").alias("n"))', post_ts='.groupBy(F.window("it", "30 seconds")).agg(F.count("*").alias("n"))')
case("join_left_outer_then_count", "Left outer join on the event time, then a windowed count that includes the null-extended rows (append)", B, KEYT, "left_outer",
     post_py='.groupBy(F.window("it", "30 seconds")).agg(F.count("*").alias("n"), F.count("cv").alias("matched"))',
     post_ts='.groupBy(F.window("it", "30 seconds")).agg(F.count("*").alias("n"), F.count("cv").alias("matched"))')
case("join_inner_window_of_aggregates", "Each side counted per 10-second window, then the two counts joined on window equality", B, None, "inner",
     expr_py='''    l = df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "10 seconds").alias("lw")).agg(F.count("*").alias("ln"))
    r = other.withWatermark("ts", "20 seconds").groupBy(F.window("ts", "10 seconds").alias("rw")).agg(F.count("*").alias("rn"))
    return l.join(r, F.expr("lw = rw"), "inner")
''', expr_ts='''  const l = df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "10 seconds").alias("lw")).agg(F.count("*").alias("ln"));
  const r = other.withWatermark("ts", "20 seconds").groupBy(F.window("ts", "10 seconds").alias("rw")).agg(F.count("*").alias("rn"));
  return l.join(r, F.expr("lw = rw"), "inner");
''')
case("join_left_outer_window_of_aggregates", "Left outer join of two windowed counts on window equality", B, None, "left_outer",
     expr_py='''    l = df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "10 seconds").alias("lw")).agg(F.count("*").alias("ln"))
    r = other.withWatermark("ts", "20 seconds").groupBy(F.window("ts", "10 seconds").alias("rw")).agg(F.count("*").alias("rn"))
    return l.join(r, F.expr("lw = rw"), "left_outer")
''', expr_ts='''  const l = df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "10 seconds").alias("lw")).agg(F.count("*").alias("ln"));
  const r = other.withWatermark("ts", "20 seconds").groupBy(F.window("ts", "10 seconds").alias("rw")).agg(F.count("*").alias("rn"));
  return l.join(r, F.expr("lw = rw"), "left_outer");
''')
case("join_bound_columns", "Inner join written with each DataFrame's own columns (df[\"k\"]), same names on both sides", A, None, "inner",
     expr_py='''    imp = df.withWatermark("ts", "10 seconds")
    clk = other.withWatermark("ts", "20 seconds")
    cond = (imp["k"] == clk["k"]) & (clk["ts"] >= imp["ts"]) & (clk["ts"] <= imp["ts"] + F.expr("interval 10 seconds"))
    return imp.join(clk, cond, "left_outer").select(imp["k"], imp["v"].alias("iv"), clk["v"].alias("cv"))
''', expr_ts='''  const imp = df.withWatermark("ts", "10 seconds");
  const clk = other.withWatermark("ts", "20 seconds");
  const cond = imp.col("k").equalTo(clk.col("k")).and(clk.col("ts").geq(imp.col("ts"))).and(clk.col("ts").leq(imp.col("ts").plus(F.expr("interval 10 seconds"))));
  return imp.join(clk, cond, "left_outer").select(imp.col("k"), imp.col("v").alias("iv"), clk.col("v").alias("cv"));
''')
case("join_self_split_stream", "One stream split by a column into impressions and clicks, joined to itself within a range", A, None, "inner",
     expr_py='''    events = df.union(other).withWatermark("ts", "10 seconds")
    imp = events.filter("v NOT LIKE 'x%'").selectExpr("k AS ik", "ts AS it", "v AS iv")
    clk = events.filter("v LIKE 'x%'").selectExpr("k AS ck", "ts AS ct", "v AS cv")
    return imp.join(clk, F.expr("''' + RANGE + '''"), "inner")
''', expr_ts='''  const events = df.union(other).withWatermark("ts", "10 seconds");
  const imp = events.filter("v NOT LIKE 'x%'").selectExpr("k AS ik", "ts AS it", "v AS iv");
  const clk = events.filter("v LIKE 'x%'").selectExpr("k AS ck", "ts AS ct", "v AS cv");
  return imp.join(clk, F.expr("''' + RANGE + '''"), "inner");
''')
# refusals at start()
case("join_error_update_mode", "A stream-stream join in update mode is refused", A, RANGE, "inner", mode="update")
case("join_error_left_outer_without_watermark", "A stream-stream left outer join without watermarks is refused", C, "ik = ck", "left_outer", wl=None, wr=None)
case("join_error_full_outer_one_range", "A full outer join whose range bounds only one side's state (no watermark on the impressions). Named for the refusal expected; Spark 4.1 accepts it (one bounded side is enough)", A, RANGE, "full_outer", wl=None)
case("join_error_left_anti", "A stream-stream left anti join is refused", A, RANGE, "left_anti")
case("join_error_range_then_count", "A join bounded by a time range, then a windowed count (append). Named for the refusal Spark 3.x gave; Spark 4.1 runs it, the count seeing the join's output watermark (watermark propagation)", A, RANGE, "inner",
     post_py='.groupBy(F.window("it", "30 seconds")).count()', post_ts='.groupBy(F.window("it", "30 seconds")).count()')

for c in cases:
    d = os.path.join(ROOT, c["name"])
    os.makedirs(d, exist_ok=True)
    spec = {"description": c["desc"], "schema": SCHEMA, "outputMode": c["mode"]}
    if c["conf"]: spec["conf"] = c["conf"]
    spec["inputs"] = ["left", "right"]
    with open(os.path.join(d, "case.json"), "w") as f:
        f.write(json.dumps(spec, indent=2) + "\n")
    for side, rows in zip(("left", "right"), c["data"]):
        sd = os.path.join(d, side)
        os.makedirs(sd, exist_ok=True)
        for i, batch in enumerate(rows):
            with open(os.path.join(sd, f"batch-{i:03d}.json"), "w") as f:
                for k, s, v in batch:
                    f.write(json.dumps({"k": k, "ts": t(s), "v": v}, separators=(",", ":")) + "\n")
    if c["expr_py"]:
        py, ts = c["expr_py"], c["expr_ts"]
    else:
        wl = wm("it", c["wl"]) if c["wl"] else ""
        wr = wm("ct", c["wr"]) if c["wr"] else ""
        py = PY_PRE.format(wl=wl, wr=wr) + f'    return imp.join(clk, F.expr("{c["cond"]}"), "{c["how"]}"){c["post_py"]}\n'
        ts = TS_PRE.format(wl=wl, wr=wr) + f'  return imp.join(clk, F.expr("{c["cond"]}"), "{c["how"]}"){c["post_ts"]};\n'
    with open(os.path.join(d, "query.py"), "w") as f:
        f.write("def query(df, F, other):\n" + py)
    with open(os.path.join(d, "query.ts"), "w") as f:
        f.write('import type { DataFrame, functions } from "sluice";\n\nexport default function query(df: DataFrame, F: typeof functions, other: DataFrame): DataFrame {\n' + ts + "}\n")
print(" ".join(c["name"] for c in cases))
