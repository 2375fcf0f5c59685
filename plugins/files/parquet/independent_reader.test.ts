// Our Parquet, read by an independent reader: PyArrow (or PySpark when PyArrow is missing).
// Checks timestamps, dates, decimals, nulls, nested structs/arrays/maps and partition columns.
import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSink } from "../test_sink.ts";
import parquet from "./sink.ts";

function pythonHas(module: string): boolean {
  const r = spawnSync("python3", ["-c", `import ${module}`], { encoding: "utf8" });
  return r.status === 0;
}

/** PyArrow from PyPI when neither reader is there yet, so `npm test` on a fresh machine runs this test too. */
function installPyarrow(): boolean {
  const r = spawnSync("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pyarrow"], { encoding: "utf8", timeout: 300_000 });
  return r.status === 0 && pythonHas("pyarrow");
}

const hasPython = spawnSync("python3", ["--version"]).status === 0;
const reader = !hasPython ? null
  : pythonHas("pyarrow") ? "pyarrow"
  : pythonHas("pyspark") ? "pyspark"
  : installPyarrow() ? "pyarrow"
  : null;
if (reader === null) console.log(`SKIP independent Parquet reader test: ${hasPython ? "neither pyarrow nor pyspark is importable, and pip could not install pyarrow" : "python3 is not available"}`);

const SCHEMA = "id BIGINT, ts TIMESTAMP, d DATE, price DECIMAL(10,2), big DECIMAL(30,3), name STRING, st STRUCT<x: INT, tags: ARRAY<STRING>>, attrs MAP<STRING,INT>, ok BOOLEAN, f FLOAT, cat STRING";
const ROWS = [
  [1, 1704103200123456, 19723, 199n, 123456789012345678901234567n, "héllo", [7, ["a", null]], new Map([["k", 1]]), true, 1.5, "x"],
  [2, null, null, null, null, null, null, null, null, null, "y/z"],
  [3, -1, -1, -5n, -1n, "", [null, []], new Map(), false, -0.25, null],
];

/** What each reader prints: rows as JSON with timestamps in ISO micros, sorted by id. */
const PYARROW = `
import json, sys, pyarrow.dataset as ds
t = ds.dataset(sys.argv[1], format="parquet", partitioning="hive", exclude_invalid_files=True,
               ignore_prefixes=["_", "."]).to_table()
out = []
for r in t.to_pylist():
    v = {}
    for k, x in r.items():
        if hasattr(x, "isoformat"): x = x.isoformat()
        elif k in ("price", "big") and x is not None: x = str(x)
        elif k == "attrs" and x is not None: x = [list(p) for p in x]
        v[k] = x
    out.append(v)
out.sort(key=lambda r: r["id"])
print(json.dumps({"schema": {f.name: str(f.type) for f in t.schema}, "rows": out}))
`;
const PYSPARK = `
import json, sys, os
os.environ["TZ"] = "UTC"
from pyspark.sql import SparkSession
s = SparkSession.builder.master("local[1]").config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false").getOrCreate()
df = s.read.parquet(sys.argv[1])
out = []
for r in df.collect():
    v = r.asDict(recursive=True)
    for k, x in list(v.items()):
        if hasattr(x, "isoformat"): v[k] = x.isoformat() + ("+00:00" if k == "ts" else "")
        elif k in ("price", "big") and x is not None: v[k] = str(x)
        elif k == "attrs" and x is not None: v[k] = [list(p) for p in x.items()]
    out.append(v)
out.sort(key=lambda r: r["id"])
print(json.dumps({"schema": {f.name: f.dataType.simpleString() for f in df.schema.fields}, "rows": out}))
s.stop()
`;

describe.skipIf(reader === null)(`parquet sink read by ${reader}`, () => {
  test("values, nulls, nesting and partition columns come back", async () => {
    const root = mkdtempSync(join(tmpdir(), "sluice-pq-independent-"));
    const out = join(root, "out");
    const w = await openSink(parquet, { path: out, partitionBy: '["cat"]' }, SCHEMA);
    await w.addBatch(0, ROWS, "append");
    const script = join(root, "read.py");
    writeFileSync(script, reader === "pyarrow" ? PYARROW : PYSPARK);
    const r = spawnSync("python3", [script, out], { encoding: "utf8", timeout: 240_000 });
    if (r.status !== 0) throw new Error(r.stderr);
    const got = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
    expect(got.rows.map((x: { id: number }) => x.id)).toEqual([1, 2, 3]);
    const [a, b, c] = got.rows;
    expect(a.ts).toBe("2024-01-01T10:00:00.123456+00:00");
    expect(a.d).toBe("2024-01-01");
    expect(a.price).toBe("1.99");
    expect(a.big).toBe("123456789012345678901234.567");
    expect(a.name).toBe("héllo");
    expect(a.st).toEqual({ x: 7, tags: ["a", null] });
    expect(a.attrs).toEqual([["k", 1]]);
    expect(a.ok).toBe(true);
    expect(a.f).toBe(1.5);
    expect(a.cat).toBe("x");
    expect(b).toMatchObject({ ts: null, d: null, price: null, big: null, name: null, st: null, attrs: null, ok: null, f: null, cat: "y/z" });
    expect(c).toMatchObject({ ts: "1969-12-31T23:59:59.999999+00:00", d: "1969-12-31", price: "-0.05", big: "-0.001", name: "", st: { x: null, tags: [] }, attrs: [], ok: false, f: -0.25, cat: null });
    if (reader === "pyarrow") {
      expect(got.schema.ts).toBe("timestamp[us, tz=UTC]");
      expect(got.schema.price).toBe("decimal128(10, 2)");
      expect(got.schema.st).toBe("struct<x: int32, tags: list<element: string>>");
    } else {
      expect(got.schema.ts).toBe("timestamp");
      expect(got.schema.cat).toBe("string");
    }
  }, 300_000);
});
