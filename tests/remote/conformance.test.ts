// The expression, SQL and streaming conformance cases in remote mode: the same cases as
// tests/conformance/, built with Sluice's API, sent to a real Spark 4.1.1 Connect server, and
// compared with the same goldens (PySpark 4.1.1's answers). What this proves is the remote
// translation (Column and functions, selectExpr, spark.sql, readers, writers), since the engine on
// the other side is Spark itself.
//
// Streaming cases cannot use a TypeScript foreachBatch on Spark (and Spark's memory sink cannot
// restart from a checkpoint except in complete mode): each runs straight, Trigger.AvailableNow,
// into Spark's memory sink; the query's progress gives each batch's id and number of output rows,
// the memory table the rows.
//
// The whole sweep (every expression, SQL and streaming case; ~4 minutes on two cores) runs with
// scripts/spark/remote-conformance.sh (SLUICE_REMOTE_CONFORMANCE=all). The suite runs a sample
// that keeps it within CI's budget: every EXPRESSION_STRIDE-th expression case, every
// SQL_STRIDE-th SQL case, and the streaming cases of STREAMING_SUBSET.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession, types } from "sluice";
import { sparkConnect } from "../../scripts/spark/service.ts";
import { type Encoded, parseSchema, toEncodedRow, toInternalRow, type TypeLike } from "../conformance/golden_values.ts";
import { loadCases, type StreamingCase } from "../conformance/streaming/runner.ts";
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

const everyCase = process.env.SLUICE_REMOTE_CONFORMANCE === "all";
const EXPRESSION_STRIDE = 6;
const SQL_STRIDE = 6;
/** A windowed append with a watermark and an error at start. */
const STREAMING_SUBSET = new Set(["tumbling_append_watermark", "error_append_without_watermark"]);
/** Every case of the sweep, or every stride-th one (cases are grouped by kind, so each kind keeps some). */
const sampled = <T>(cases: T[], stride: number) => (everyCase ? cases : cases.filter((_, i) => i % stride === 0));

let spark: SparkSession;
let url: string;
const key = (r: Encoded[]) => JSON.stringify(r);
const { StructType } = types;
const sorted = (rows: Encoded[][]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

beforeAll(async () => {
  url = await sparkConnect();
  // As the goldens' sessions (scripts/goldens/common.py): UTC, one shuffle partition.
  spark = SparkSession.builder.remote(url).config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "1").create();
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
  const all = sampled(exprCases as { id: string; expr: string; conf?: Record<string, string> }[], EXPRESSION_STRIDE);
  let table: ReturnType<SparkSession["createDataFrame"]> | undefined;
  const input = () => (table ??= spark.createDataFrame((exprInput.rows as Encoded[][]).map((r) => toInternalRow(r, inputSchema)), exprInput.schema));
  // Fewer round trips: the cases without an error or settings of their own go to the server in
  // groups, one selectExpr each, and each case takes its columns of the group's result. A case
  // whose share differs from its golden (or a group that fails) runs again on its own, and that
  // run is what the test judges.
  let grouped: Map<string, { schema: unknown; rows: unknown[][] }> | undefined;
  const groupedResults = () => {
    if (grouped) return grouped;
    grouped = new Map();
    const plain = all.filter((c) => !c.conf && !goldenById.get(c.id)!.error);
    for (let i = 0; i < plain.length; i += 60) {
      const group = plain.slice(i, i + 60);
      try {
        const { schema, rows } = input().selectExpr(...group.map((c) => c.expr)).collectRaw();
        let at = 0;
        for (const c of group) {
          const width = goldenById.get(c.id)!.schema!.length;
          const fields = schema.fields.slice(at, at + width);
          grouped.set(c.id, { schema: new StructType(fields), rows: rows.map((r) => r.slice(at, at + width)) });
          at += width;
        }
      } catch {
        // A group that fails as a whole: its cases run on their own.
      }
    }
    return grouped;
  };
  const matches = (g: Golden, r: { schema: unknown; rows: unknown[][] }) => {
    const st = r.schema as unknown as { fields: { name: string; dataType: { simpleString(): string } }[] };
    return JSON.stringify(st.fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }))) === JSON.stringify(g.schema)
      && JSON.stringify(r.rows.map((row) => toEncodedRow(row, r.schema as TypeLike))) === JSON.stringify(g.rows);
  };
  for (const c of all) {
    const g = goldenById.get(c.id)!;
    test(`${c.id}: ${c.expr}`, () => {
      const shared = c.conf || g.error ? undefined : groupedResults().get(c.id);
      check(g, () => (shared && matches(g, shared) ? shared : withConf(c.conf, () => input().selectExpr(c.expr).collectRaw())), true);
    }, 120_000); // the first case also runs every group
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
  for (const c of sampled(sqlCases as { id: string; sql: string; setup?: string[]; conf?: Record<string, string>; args?: Record<string, unknown> | unknown[] }[], SQL_STRIDE)) {
    const g = goldenById.get(c.id)!;
    test(`${c.id}: ${c.sql}`, () => {
      setUp();
      let stage: "setup" | "query" = "setup";
      // Views the case creates, temporary or (on a real server) persistent, are dropped after it.
      const views = [...(c.setup ?? []), c.sql].flatMap((st) => {
        const m = /CREATE\s+(?:OR\s+REPLACE\s+)?(GLOBAL\s+)?(?:TEMP(?:ORARY)?\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/i.exec(st);
        return m ? [m[1] ? `global_temp.${m[2]}` : m[2]!] : [];
      });
      for (const v of views) spark.sql(`DROP VIEW IF EXISTS ${v}`);
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

describe("streaming, remote (memory sink)", async () => {
  const cases = (await loadCases()).filter((c) => everyCase || STREAMING_SUBSET.has(c.name));
  for (const c of cases) test(c.name, async () => expect(await differencesRemote(c)).toEqual([]), 120_000);
});

function batchFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => /^batch-\d{3}\.json$/.test(n)).sort();
}

/**
 * Differences from Spark's straight run: the same batch ids with the same number of output rows
 * each (from the query's progress), and the memory table holding the rows Spark's batches give
 * (complete mode: the last batch's; append and update: every batch's, as a multiset).
 */
async function differencesRemote(c: StreamingCase): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), `sluice-remote-${c.name}-`));
  const staged = c.inputDirs.map((_, i) => join(root, `input-${i}`));
  for (const d of staged) mkdirSync(d);
  const session = SparkSession.builder.remote(url).config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "1").create();
  let stage: "build" | "start" | "run" = "build";
  try {
    for (const [k, v] of Object.entries(c.spec.conf ?? {})) session.conf.set(k, v);
    for (let n = 0; n < c.fileCount; n++) {
      const mtime = new Date(Date.now() - 3_600_000 + n * 1000);
      c.inputDirs.forEach((src, i) => {
        const file = batchFiles(src)[n];
        if (file === undefined) return;
        copyFileSync(join(src, file), join(staged[i]!, file));
        utimesSync(join(staged[i]!, file), mtime, mtime);
      });
    }
    const inputs = staged.map((d) => session.readStream.format("json").schema(c.spec.schema).option("maxFilesPerTrigger", 1).load(d));
    const result = c.query(inputs[0]!, F, ...inputs.slice(1));
    const schema = result.schema.fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }));
    stage = "start";
    const name = `conformance_${c.name}`;
    const q = result.writeStream.outputMode(c.spec.outputMode).format("memory").queryName(name)
      .option("checkpointLocation", join(root, "checkpoint")).trigger({ availableNow: true }).start();
    stage = "run";
    await q.awaitTermination();
    const g = c.golden;
    if (g.error) return [`expected error ${g.error.class} at ${g.error.stage} ("${g.error.message}"), but the query ran`];
    const out: string[] = [];
    const show = (s: { name: string; type: string }[] | undefined) => (s ?? []).map((f) => `${f.name}: ${f.type}`).join(", ");
    if (show(schema) !== show(g.schema)) out.push(`schema: expected [${show(g.schema)}], got [${show(schema)}]`);
    const counts = (batches: { batchId: number; rows: unknown[] }[]) => batches.map((b) => `${b.batchId}:${b.rows.length}`).join(" ");
    const ran = q.recentProgress.map((p) => ({ batchId: Number(p.batchId), rows: new Array(Number((p.sink as { numOutputRows?: number }).numOutputRows ?? 0)) }));
    if (counts(ran) !== counts(g.batches ?? [])) out.push(`batches (id:rows): expected ${counts(g.batches ?? [])}, got ${counts(ran)}`);
    const unordered = (c.spec.unorderedArrays ?? []).map((n) => (g.schema ?? []).findIndex((f) => f.name === n));
    const rowKey = (row: Encoded[]) => JSON.stringify(row.map((v, i) => (unordered.includes(i) && Array.isArray(v) ? [...v].sort() : v)));
    const { schema: st, rows } = session.table(name).collectRaw();
    const got = rows.map((r) => rowKey(toEncodedRow(r, st as unknown as TypeLike))).sort();
    const batches = g.batches ?? [];
    const want = (c.spec.outputMode === "complete" ? batches.at(-1)?.rows ?? [] : batches.flatMap((b) => b.rows)).map(rowKey).sort();
    if (got.join("\n") !== want.join("\n")) out.push(`memory table: expected [${want.join(", ")}], got [${got.join(", ")}]`);
    return out;
  } catch (e) {
    const g = c.golden;
    const code = (e as { code?: string }).code ?? "(no code)";
    if (g.error && g.error.class === code && g.error.stage === stage) return [];
    return [`${g.error ? `expected error ${g.error.class} at ${g.error.stage}` : "expected output"}, got ${code} at ${stage}: ${(e as Error).message}`];
  } finally {
    await session.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
