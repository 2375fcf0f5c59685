// Streaming Spark SQL conformance: every case in sql/streaming/cases.json runs spark.sql() over a
// stream registered as a temp view (the json file source over the case's input directory, one file
// per micro-batch: maxFilesPerTrigger 1, Trigger.AvailableNow, foreachBatch recording every batch)
// plus the static tables of sql/tables.json, as scripts/goldens/sql.py runs it in PySpark 4.1.1.
// Each batch must hold Spark's rows (as a multiset unless the query ends with ORDER BY), or the
// query must fail with Spark's error class at the same step (building it, start(), or running).
import { describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../../runtime/mod.ts";
import { parseStatement } from "../../runtime/sql/statement_parser.ts";
import { type Encoded, parseSchema, toEncodedRow, toInternalRow } from "./golden_values.ts";
import tables from "./sql/tables.json" with { type: "json" };
import cases from "./sql/streaming/cases.json" with { type: "json" };
import golden from "./sql/streaming/golden.json" with { type: "json" };

interface Case {
  id: string;
  input: string;
  sql: string;
  outputMode: "append" | "update" | "complete";
  setup?: string[];
  conf?: Record<string, string>;
}
type Stage = "build" | "start" | "run";
interface Golden {
  id: string;
  schema?: { name: string; type: string }[];
  batches?: { batchId: number; rows: Encoded[][] }[];
  error?: { class: string | null; message: string };
  stage?: Stage;
}

const INPUTS = join(import.meta.dir, "sql", "streaming", "inputs");
const goldenById = new Map((golden as Golden[]).map((g) => [g.id, g]));
const key = (r: Encoded[]) => JSON.stringify(r);
const sortRows = (rows: Encoded[][]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

interface Outcome {
  schema?: { name: string; type: string }[];
  batches: Map<number, Encoded[][]>;
  error?: { code: string; stage: Stage; message: string };
}

async function run(c: Case): Promise<Outcome> {
  const src = join(INPUTS, c.input);
  const spec = JSON.parse(readFileSync(join(src, "input.json"), "utf8")) as { schema: string; view: string };
  const work = mkdtempSync(join(tmpdir(), `sluice-sql-${c.id}-`));
  const staged = join(work, "input");
  mkdirSync(staged);
  readdirSync(src).filter((n) => /^batch-\d{3}\.json$/.test(n)).sort().forEach((name, n) => {
    // The file source takes files in modification-time order: make it the batch order.
    const mtime = new Date(Date.now() - 3_600_000 + n * 1000);
    copyFileSync(join(src, name), join(staged, name));
    utimesSync(join(staged, name), mtime, mtime);
  });
  const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "1").create();
  for (const [k, v] of Object.entries(c.conf ?? {})) spark.conf.set(k, v);
  for (const [name, t] of Object.entries(tables as Record<string, { schema: string; rows: Encoded[][] }>)) {
    const schema = parseSchema(t.schema);
    spark.createDataFrame(t.rows.map((r) => toInternalRow(r, schema)), t.schema).createOrReplaceTempView(name);
  }
  const batches = new Map<number, Encoded[][]>();
  let stage: Stage = "build";
  let schema: Outcome["schema"];
  try {
    spark.readStream.format("json").schema(spec.schema).option("maxFilesPerTrigger", 1).load(staged).createOrReplaceTempView(spec.view);
    for (const st of c.setup ?? []) spark.sql(st).collectRaw();
    const result = spark.sql(c.sql);
    schema = result.schema.fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }));
    stage = "start";
    const q = result.writeStream
      .outputMode(c.outputMode)
      .option("checkpointLocation", join(work, "checkpoint"))
      .trigger({ availableNow: true })
      .foreachBatch((df, batchId) => {
        const { schema: s, rows } = df.collectRaw();
        batches.set(batchId, rows.map((r) => toEncodedRow(r as unknown[], s)));
      })
      .start();
    stage = "run";
    await q.awaitTermination();
    return { schema, batches };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { schema, batches, error: { code: err.code ?? "(no code)", stage, message: err.message ?? String(e) } };
  } finally {
    await spark.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function ordered(sql: string): boolean {
  const s = parseStatement(sql);
  return s.kind === "query" && s.query.orderBy.length > 0;
}

describe("streaming sql conformance with PySpark 4.1.1", () => {
  test("every case has a golden and every golden a case", () => {
    const ids = (cases as Case[]).map((c) => c.id);
    expect(ids.filter((id) => !goldenById.has(id))).toEqual([]);
    expect([...goldenById.keys()].filter((id) => !ids.includes(id))).toEqual([]);
  });

  for (const c of cases as Case[]) {
    const g = goldenById.get(c.id);
    if (!g) continue;
    test(`${c.id} (${c.outputMode}): ${c.sql}`, async () => {
      const got = await run(c);
      if (g.error) {
        if (!got.error) throw new Error(`expected error ${g.error.class} at ${g.stage} (${g.error.message}), but the query ran ${got.batches.size} batches`);
        if (got.error.code !== g.error.class || got.error.stage !== g.stage) {
          throw new Error(`expected error ${g.error.class} at ${g.stage} (${g.error.message})\n     got ${got.error.code} at ${got.error.stage}: ${got.error.message.split("\n")[0]}`);
        }
        return;
      }
      if (got.error) throw new Error(`${got.error.code} at ${got.error.stage}: ${got.error.message}`);
      expect(got.schema).toEqual(g.schema!);
      const want = g.batches!.map((b) => ({ batchId: b.batchId, rows: ordered(c.sql) ? b.rows : sortRows(b.rows) }));
      const have = [...got.batches.keys()].sort((a, b) => a - b)
        .map((id) => ({ batchId: id, rows: ordered(c.sql) ? got.batches.get(id)! : sortRows(got.batches.get(id)!) }));
      expect(have).toEqual(want);
    }, 20_000);
  }
});
