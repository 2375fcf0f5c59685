// The expression, SQL and streaming conformance cases in remote mode: the same cases as
// tests/conformance/, built with Sluice's API, sent to a real Spark 4.1.1 Connect server, and
// compared with the same goldens (PySpark 4.1.1's answers). What this proves is the remote
// translation (Column and functions, selectExpr, spark.sql, readers, writers), since the engine on
// the other side is Spark itself.
//
// Streaming cases cannot use a TypeScript foreachBatch on Spark: each runs as the "restarted"
// variant of tests/conformance/streaming (one more file per input, Trigger.Once, restarted from the
// checkpoint each time, a last AvailableNow run) into Spark's memory sink under a name of its own,
// so every run's table holds exactly that run's batch, and the batch id comes from the query's
// progress. SLUICE_REMOTE_CONFORMANCE=all runs every streaming case; by default the ones listed in
// STREAMING_SUBSET (a case of each kind of operator), which keeps this file within CI's budget.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "sluice";
import { sparkConnect } from "../../scripts/spark/service.ts";
import { type Encoded, parseSchema, toEncodedRow, toInternalRow, type TypeLike } from "../conformance/golden_values.ts";
import { differences, loadCases, type StreamingCase } from "../conformance/streaming/runner.ts";
import exprInput from "../conformance/expressions/input.json" with { type: "json" };
import exprCases from "../conformance/expressions/cases.json" with { type: "json" };
import exprGolden from "../conformance/expressions/golden.json" with { type: "json" };
import sqlTables from "../conformance/sql/tables.json" with { type: "json" };
import sqlCases from "../conformance/sql/cases.json" with { type: "json" };
import sqlGolden from "../conformance/sql/golden.json" with { type: "json" };

interface Golden {
  id: string;
  schema?: { name: string; type: string }[];
  rows?: Encoded[][];
  error?: { class: string | null; sqlState: string | null; message: string };
  stage?: "setup" | "query";
}

const STREAMING_SUBSET = new Set([
  "agg_avg", "agg_count_star", "agg_collect_list", "agg_dict_form", "agg_first",
]);

let spark: SparkSession;
let url: string;
const key = (r: Encoded[]) => JSON.stringify(r);
const sorted = (rows: Encoded[][]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

beforeAll(async () => {
  url = await sparkConnect();
  spark = SparkSession.builder.remote(url).config("spark.sql.session.timeZone", "UTC").create();
}, 600_000);
afterAll(async () => {
  await spark?.stop();
});

function withConf<T>(conf: Record<string, string> | undefined, body: () => T): T {
  const saved = Object.keys(conf ?? {}).map((k) => [k, spark.conf.get(k)] as const);
  for (const [k, v] of Object.entries(conf ?? {})) spark.conf.set(k, v);
  try {
    return body();
  } finally {
    for (const [k, v] of saved) (v === undefined ? spark.conf.unset(k) : spark.conf.set(k, v));
  }
}

function check(g: Golden, run: () => { schema: unknown; rows: unknown[][] }, orderedRows: boolean): void {
  let got: { schema: TypeLike; rows: Encoded[][] } | undefined;
  let error: unknown;
  try {
    const r = run();
    got = { schema: r.schema as TypeLike, rows: r.rows.map((row) => toEncodedRow(row, r.schema as TypeLike)) };
  } catch (e) {
    error = e;
  }
  if (g.error) {
    const code = (error as { code?: string } | undefined)?.code;
    expect(error === undefined ? `a result with ${got?.rows.length} rows` : code).toBe(g.error.class ?? "(no class)");
    return;
  }
  if (error !== undefined) throw error;
  const fields = (got!.schema as unknown as { fields: { name: string; dataType: { simpleString(): string } }[] }).fields;
  expect(fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }))).toEqual(g.schema!);
  expect(orderedRows ? got!.rows : sorted(got!.rows)).toEqual(orderedRows ? g.rows! : sorted(g.rows!));
}

describe("expressions, remote", () => {
  const goldenById = new Map((exprGolden as Golden[]).map((g) => [g.id, g]));
  const inputSchema = parseSchema(exprInput.schema);
  let table: ReturnType<SparkSession["createDataFrame"]> | undefined;
  for (const c of exprCases as { id: string; expr: string; conf?: Record<string, string> }[]) {
    const g = goldenById.get(c.id)!;
    test(`${c.id}: ${c.expr}`, () => {
      table ??= spark.createDataFrame((exprInput.rows as Encoded[][]).map((r) => toInternalRow(r, inputSchema)), exprInput.schema);
      check(g, () => withConf(c.conf, () => table!.selectExpr(c.expr).collectRaw()), true);
    });
  }
});

describe("sql, remote", () => {
  const goldenById = new Map((sqlGolden as Golden[]).map((g) => [g.id, g]));
  let ready = false;
  const setUp = () => {
    if (ready) return;
    for (const [name, t] of Object.entries(sqlTables as Record<string, { schema: string; rows: Encoded[][] }>)) {
      const schema = parseSchema(t.schema);
      spark.createDataFrame(t.rows.map((r) => toInternalRow(r, schema)), t.schema).createOrReplaceTempView(name);
    }
    ready = true;
  };
  for (const c of sqlCases as { id: string; sql: string; setup?: string[]; conf?: Record<string, string>; args?: Record<string, unknown> | unknown[] }[]) {
    const g = goldenById.get(c.id)!;
    test(`${c.id}: ${c.sql}`, () => {
      setUp();
      let stage: "setup" | "query" = "setup";
      const views = (c.setup ?? []).flatMap((st) => {
        const m = /CREATE\s+(?:OR\s+REPLACE\s+)?(GLOBAL\s+)?TEMP(?:ORARY)?\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/i.exec(st);
        return m ? [m[1] ? `global_temp.${m[2]}` : m[2]!] : [];
      });
      try {
        check(g, () => withConf(c.conf, () => {
          for (const st of c.setup ?? []) spark.sql(st).collectRaw();
          stage = "query";
          return spark.sql(c.sql, c.args).collectRaw();
        }), /\border\s+by\b[^)]*$/i.test(c.sql));
        if (g.error) expect(stage as string).toBe(g.stage!);
      } finally {
        for (const v of views) spark.sql(`DROP VIEW IF EXISTS ${v}`);
      }
    });
  }
});

describe("streaming, remote (restarted variant, memory sink)", async () => {
  const all = process.env.SLUICE_REMOTE_CONFORMANCE === "all";
  const cases = (await loadCases()).filter((c) => all || STREAMING_SUBSET.has(c.name));
  for (const c of cases) test(c.name, async () => expect(differences(c, "restarted", await runRemote(c))).toEqual([]), 120_000);
});

function batchFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => /^batch-\d{3}\.json$/.test(n)).sort();
}

async function runRemote(c: StreamingCase) {
  const root = mkdtempSync(join(tmpdir(), `sluice-remote-${c.name}-`));
  const staged = c.inputDirs.map((_, i) => join(root, `input-${i}`));
  for (const d of staged) mkdirSync(d);
  const checkpoint = join(root, "checkpoint");
  const batches = new Map<number, Encoded[][]>();
  let schema: { name: string; type: string }[] | undefined;
  let stage: "build" | "start" | "run" = "build";
  const session = SparkSession.builder.remote(url).config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "1").create();
  try {
    for (const [k, v] of Object.entries(c.spec.conf ?? {})) session.conf.set(k, v);
    const runOnce = async (n: number, trigger: { once: true } | { availableNow: true }) => {
      stage = "build";
      const inputs = staged.map((d) => session.readStream.format("json").schema(c.spec.schema).option("maxFilesPerTrigger", 1).load(d));
      const result = c.query(inputs[0]!, F, ...inputs.slice(1));
      const st = result.schema;
      schema = st.fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }));
      stage = "start";
      const name = `conformance_${c.name}_${n}`;
      const q = result.writeStream.outputMode(c.spec.outputMode).format("memory").queryName(name)
        .option("checkpointLocation", checkpoint).trigger(trigger).start();
      stage = "run";
      await q.awaitTermination();
      const ids = q.recentProgress.map((p) => Number(p.batchId)).filter((id, i, a) => a.indexOf(id) === i);
      if (ids.length > 1) throw new Error(`run ${n} ran batches ${ids.join(", ")}: the memory table cannot tell them apart`);
      if (ids.length === 1) {
        const { schema: s, rows } = session.table(name).collectRaw();
        batches.set(ids[0]!, rows.map((r) => toEncodedRow(r, s as unknown as TypeLike)));
      }
    };
    for (let n = 0; n < c.fileCount; n++) {
      const mtime = new Date(Date.now() - 3_600_000 + n * 1000);
      c.inputDirs.forEach((src, i) => {
        const file = batchFiles(src)[n];
        if (file === undefined) return;
        copyFileSync(join(src, file), join(staged[i]!, file));
        utimesSync(join(staged[i]!, file), mtime, mtime);
      });
      await runOnce(n, { once: true });
    }
    await runOnce(c.fileCount, { availableNow: true });
    return { schema, batches, redelivered: [] };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { schema, batches, redelivered: [], error: { code: err.code ?? "(no code)", stage, message: err.message ?? String(e) } };
  } finally {
    await session.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
