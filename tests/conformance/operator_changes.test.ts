// Restarting a streaming query whose stateful operators changed, against PySpark 4.1.1
// (scripts/goldens/operator_changes.py): each case runs its "before" query over batch-000.json,
// then its "after" query from the same checkpoint over batch-001.json too. Where Spark refuses
// the restart (STREAM_FAILED wrapping STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA),
// Sluice must fail with the wrapped class and message; where Spark runs, Sluice gives its batches.
import { describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession, type DataFrame } from "sluice";
import type { OutputMode } from "../../runtime/plugin/contract.ts";
import { toEncodedRow, type Encoded } from "./golden_values.ts";

const DIR = join(import.meta.dir, "operator_changes");
const SCHEMA = "ts TIMESTAMP, k STRING, v BIGINT";

interface Case { name: string; description: string; outputMode: OutputMode; before: string; after: string }
interface Golden {
  name: string;
  batches?: { batchId: number; rows: Encoded[][] }[];
  error?: { class: string; causeClass?: string; causeMessage?: string; causeSqlState?: string };
}

const cases = JSON.parse(readFileSync(join(DIR, "cases.json"), "utf8")) as Case[];
const goldens = new Map((JSON.parse(readFileSync(join(DIR, "golden.json"), "utf8")) as Golden[]).map((g) => [g.name, g]));

/** The case's query text (a Python expression that is also valid TypeScript over Sluice's API). */
const queryOf = (code: string) => new Function("df", "F", `return ${code};`) as (df: DataFrame, f: typeof F) => DataFrame;

async function run(code: string, mode: OutputMode, source: string, checkpoint: string, batches: Map<number, Encoded[][]>): Promise<void> {
  const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "1").create();
  const df = spark.readStream.format("json").schema(SCHEMA).option("maxFilesPerTrigger", 1).load(source);
  const q = queryOf(code)(df, F).writeStream.outputMode(mode).option("checkpointLocation", checkpoint).trigger({ availableNow: true })
    .foreachBatch((d, id) => {
      const { schema, rows } = d.collectRaw();
      batches.set(id, rows.map((r) => toEncodedRow(r, schema)));
    })
    .start();
  await q.awaitTermination();
}

function stage(source: string, n: number): void {
  const name = `batch-${String(n).padStart(3, "0")}.json`;
  copyFileSync(join(DIR, name), join(source, name));
  const mtime = new Date(Date.now() - 3_600_000 + n * 1000);
  utimesSync(join(source, name), mtime, mtime);
}

describe("restarts after the stateful operators changed, as PySpark 4.1.1", () => {
  for (const c of cases) {
    test(`${c.name}: ${c.description}`, async () => {
      const golden = goldens.get(c.name)!;
      const root = mkdtempSync(join(tmpdir(), `sluice-opchange-${c.name}-`));
      try {
        const source = join(root, "input"), checkpoint = join(root, "checkpoint");
        mkdirSync(source);
        stage(source, 0);
        await run(c.before, c.outputMode, source, checkpoint, new Map());
        stage(source, 1);
        const batches = new Map<number, Encoded[][]>();
        let error: { code?: string; bareMessage?: string; sqlState?: string } | undefined;
        try {
          await run(c.after, c.outputMode, source, checkpoint, batches);
        } catch (e) {
          error = e as typeof error;
        }
        if (golden.error) {
          expect(golden.error.class).toBe("STREAM_FAILED");
          expect({ code: error?.code, message: error?.bareMessage, sqlState: error?.sqlState })
            .toEqual({ code: golden.error.causeClass, message: golden.error.causeMessage, sqlState: golden.error.causeSqlState });
        } else {
          expect(error).toBeUndefined();
          const sorted = (rows: Encoded[][]) => rows.map((r) => JSON.stringify(r)).sort();
          expect([...batches].sort((a, b) => a[0] - b[0]).map(([id, rows]) => ({ batchId: id, rows: sorted(rows) })))
            .toEqual(golden.batches!.map((b) => ({ batchId: b.batchId, rows: sorted(b.rows) })));
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }, 20_000);
  }
});
