// `sluice serve` driven by PySpark 4.1.1's own Spark Connect client (pip's pyspark[connect],
// installed when missing): batch API and errors as PySpark's exception types, and every streaming
// conformance case's query.py giving the goldens' answers (streaming_cases.py: memory sink,
// AvailableNow; each batch's id and row count from the progress, the rows from the table).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CASES_DIR, loadCases } from "../conformance/streaming/runner.ts";
import type { Encoded } from "../conformance/golden_values.ts";

const root = join(import.meta.dir, "..", "..");
/**
 * Cases whose query.py runs Python code on the server (applyInPandasWithState, the goldens of
 * flatMapGroupsWithState): `sluice serve` runs no Python, so it refuses them when the DataFrame is
 * built, with UNSUPPORTED_FEATURE.CONNECT_RELATION (Sluice runs them with its TypeScript API).
 */
const runsPythonOnServer = (name: string) => readFileSync(join(CASES_DIR, name, "query.py"), "utf8").includes("applyInPandasWithState");
/** Cases whose columns PySpark's Connect client orders differently from classic PySpark. */
const CLIENT_COLUMN_ORDER = new Set(["agg_dict_form"]);
let server: ChildProcess | undefined;
let url = "";

function ensurePySparkConnect(): void {
  const probe = spawnSync("python3", ["-c", "import pyspark, grpc, pyarrow, pandas; assert pyspark.__version__ == '4.1.1'"]);
  if (probe.status === 0) return;
  const pip = spawnSync("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pyspark[connect]==4.1.1"], { stdio: "inherit" });
  if (pip.status !== 0) throw new Error("pip could not install pyspark[connect]==4.1.1");
}

beforeAll(async () => {
  ensurePySparkConnect();
  server = spawn(process.execPath, [join(root, "runtime/main.ts"), "serve", "--connect-port", "0"], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  url = await new Promise<string>((resolve, reject) => {
    let err = "";
    server!.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const m = /sc:\/\/[0-9.]+:\d+/.exec(err);
      if (m) resolve(m[0]);
    });
    server!.on("exit", (code) => reject(new Error(`sluice serve exited ${code}: ${err}`)));
  });
}, 300_000);

afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.on("exit", r));
  server.kill("SIGTERM");
  await exited;
});

/** Runs a Python script against the server; asynchronously, so that this process keeps reading the server's stderr. */
async function python(script: string, ...args: string[]): Promise<string> {
  const child = spawn("python3", [join(import.meta.dir, script), ...args], { cwd: root, env: { ...process.env, SPARK_REMOTE: url }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "", err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`${script} exited ${code}:\n${err}`);
  return out;
}

describe("PySpark's Connect client against sluice serve", () => {
  test("batch API, SQL, conf, errors as PySpark's exception types, sessions kept apart", async () => {
    const out = JSON.parse(await python("batch_api.py"));
    expect(out.agg).toEqual([{ k: "a", total: 4, mean: 2.0 }, { k: "b", total: 2, mean: null }]);
    expect(out.expr).toEqual([{ K: "A", w: 2, s: "small" }, { K: "B", w: 4, s: "big" }, { K: "A", w: 6, s: "big" }]);
    expect(out.sql).toEqual([{ two: 2, s: "x" }]);
    // Spark's answer to the same extractions (PySpark against Spark 4.1.1's Connect server).
    // df.na / fillna / dropna: Spark's answer (PySpark against Spark 4.1.1's Connect server).
    expect(out.na).toEqual({"fill0": [[1, 0.0, "a", 0.0, true], [0, 0.0, null, 2.5, null], [0, 0.0, null, 0.0, null]], "fill_float": [[1, 1.5, "a", null, true], [1, 1.5, null, 2.5, null], [1, 1.5, null, null, null]], "fill_str": [[1, null, "a", null, true], [null, "NaN", "z", 2.5, null], [null, null, "z", null, null]], "fill_bool": [[1, null, "a", null, true], [null, "NaN", null, 2.5, false], [null, null, null, null, false]], "fill_map": [[1, null, "a", 0.5, true], [7, "NaN", "q", 2.5, null], [7, null, "q", 0.5, null]], "drop_any": [], "drop_all": [[1, null, "a", null, true], [null, "NaN", null, 2.5, null]], "drop_thresh": [[1, null, "a", null, true]], "drop_subset": [[1, null, "a", null, true]], "drop_nan": [[null, "NaN", null, 2.5, null]]});
    // rollup, cube, groupingSets: Spark's answer (PySpark against Spark 4.1.1's Connect server).
    expect(out.grouping_sets).toEqual({"rollup": [["k", "j", "total", "gid"], [["a", "x", 1, 0], ["a", "y", 2, 0], ["a", null, 3, 1], ["b", "x", 3, 0], ["b", null, 3, 1], [null, null, 6, 3]]], "cube": [["k", "count(1)", "max(v)"], [["a", 2, 2], ["b", 1, 3], [null, 3, 3]]], "sets": [["k", "j", "sum(v)"], [["a", null, 3], ["b", null, 3], [null, "x", 4], [null, "y", 2], [null, null, 6]]]});
    // describe(): Spark's answer (PySpark against Spark 4.1.1's Connect server).
    expect(out.describe).toEqual([["summary", "s", "i", "d"], [["count", "3", "3", "2"], ["mean", "10.0", "2.0", "1.875"], ["stddev", null, "1.0", "0.5303300858899106"], ["min", "10", "1", "1.5"], ["max", "b", "3", "2.25"]], [["count", "3"], ["mean", "2.0"], ["stddev", "1.0"], ["min", "1"], ["max", "3"]]]);
    // sample / randomSplit on one partition, and on a stream: Spark's answers (PySpark against Spark 4.1.1's Connect server).
    expect(out.sample).toEqual({"s1": [0, 6, 8, 11, 13, 20, 25, 26, 27, 30, 32, 36, 39], "s2": [3, 7, 10, 12, 16, 18, 20, 25, 26, 27, 31, 36, 37, 38], "split": [[0, 4, 5, 8, 10, 15, 16, 17, 20, 23, 25, 27, 28, 29, 31, 34, 39], [1, 2, 3, 6, 7, 9, 11, 12, 13, 14, 18, 19, 21, 22, 24, 26, 30, 32, 33, 35, 36, 37, 38]], "streaming": "_LEGACY_ERROR_TEMP_3102"});
    expect(out.extract).toEqual([["m[k]", "m[j]", "m[missing]", "s.x", "s.y", "a[1]"], [1, 2, null, 3, "z", 5]]);
    expect(out.bound_join).toEqual([["a", null, null], ["b", "x", 2], ["c", "y", 3], ["c", "yy", 3]]);
    expect(out.schema).toBe("struct<k:string,v:bigint,d:double>");
    expect(out.count).toBe(3);
    expect(out.show).toBe("+---+---+----+\n|  k|  v|   d|\n+---+---+----+\n|  a|  1| 1.5|\n|  b|  2|NULL|\n+---+---+----+\nonly showing top 2 rows");
    expect(out.view).toEqual([{ k: "a", n: 2 }, { k: "b", n: 1 }]);
    expect(out.conf).toBe("UTC");
    expect(out.errors).toEqual({
      divide: ["ArithmeticException", "DIVIDE_BY_ZERO"],
      column: ["AnalysisException", "UNRESOLVED_COLUMN.WITH_SUGGESTION"],
      parse: ["ParseException", "PARSE_SYNTAX_ERROR"],
    });
    // Beyond Spark: no Python runs on Sluice's server; a UDF and foreachBatch are refused by name.
    expect(out.python_functions).toEqual({
      udf: ["AnalysisException", "UNSUPPORTED_FEATURE.PYTHON_FUNCTION", true],
      foreachBatch: ["AnalysisException", "UNSUPPORTED_FEATURE.PYTHON_FUNCTION", true],
    });
    expect(out.isolated).toBe("TABLE_OR_VIEW_NOT_FOUND");
    expect(out.catalog).toEqual({
      listed: [["t", null, [], "TEMPORARY", true]], pattern: ["t"], exists: [true, false],
      current: ["default", "spark_catalog"], dropped: [true, false], after: false,
    });
  }, 120_000);

  test("na.replace, pivot, crosstab, corr, cov, sampleBy: Spark's answers (stat_api_golden.json, from a real Spark 4.1.1 Connect server)", async () => {
    const golden = JSON.parse(readFileSync(join(import.meta.dir, "stat_api_golden.json"), "utf8"));
    expect(JSON.parse(await python("stat_api.py"))).toEqual(golden);
  }, 120_000);

  test("Interrupt: by tag and all; the interrupted awaitTermination ends with OPERATION_CANCELED, the query runs on", async () => {
    const out = JSON.parse(await python("interrupt.py"));
    expect(out).toEqual({
      by_tag: 1, untagged_kept: true, unknown_tag: [], all: 1,
      results: { first: "OPERATION_CANCELED", second: "OPERATION_CANCELED" }, still_active: true, nothing_left: [],
    });
  }, 120_000);
});

describe("streaming conformance cases' query.py through PySpark's client", async () => {
  const cases = await loadCases();
  let results: Promise<Map<string, { schema?: { name: string; type: string }[]; batches?: [number, number][]; rows?: Encoded[][]; error?: { class: string; stage: string; message: string } }>> | undefined;
  // One Python process runs every case (PySpark's import is slow); each test reads its line.
  const resultOf = async (name: string) => {
    results ??= python("streaming_cases.py").then((out) => new Map(out.trim().split("\n").map((l) => JSON.parse(l)).map((r) => [r.case, r])));
    return (await results).get(name)!;
  };
  for (const c of cases) {
    test(c.name, async () => {
      const got = await resultOf(c.name);
      const g = c.golden;
      if (runsPythonOnServer(c.name)) {
        expect(got.error ? `${got.error.class} at ${got.error.stage}` : "no error").toBe("UNSUPPORTED_FEATURE.CONNECT_RELATION at build");
        return;
      }
      if (g.error) {
        expect(got.error ? `${got.error.class} at ${got.error.stage}` : "no error").toBe(`${g.error.class} at ${g.error.stage}`);
        return;
      }
      expect(got.error).toBeUndefined();
      // PySpark's Connect client builds agg({"v": "sum", "d": "avg"}) in the dict's order; classic
      // PySpark (the goldens) passes the dict through py4j as a java.util.HashMap and gets its order.
      const order = CLIENT_COLUMN_ORDER.has(c.name) ? g.schema!.map((f) => got.schema!.findIndex((h) => h.name === f.name)) : undefined;
      if (order) {
        got.schema = order.map((i) => got.schema![i]!);
        got.rows = got.rows!.map((r) => order.map((i) => r[i]!));
      }
      expect(got.schema).toEqual(g.schema!);
      expect(got.batches!.map(([id, n]) => `${id}:${n}`)).toEqual((g.batches ?? []).map((b) => `${b.batchId}:${b.rows.length}`));
      const unordered = (c.spec.unorderedArrays ?? []).map((n) => (g.schema ?? []).findIndex((f) => f.name === n));
      const key = (row: Encoded[]) => JSON.stringify(row.map((v, i) => (unordered.includes(i) && Array.isArray(v) ? [...v].sort() : v)));
      const batches = g.batches ?? [];
      const want = (c.spec.outputMode === "complete" ? batches.at(-1)?.rows ?? [] : batches.flatMap((b) => b.rows)).map(key).sort();
      expect(got.rows!.map(key).sort()).toEqual(want);
    }, 240_000);
  }
});
