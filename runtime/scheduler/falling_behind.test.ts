// A query whose source outruns it (each batch larger and slower than the one before) is warned,
// once a minute at most; one that keeps up is not.
import { afterEach, expect, test } from "bun:test";
import { SparkSession } from "sluice";
import { defineSource, type Offset } from "../plugin/contract.ts";
import { ManualClock } from "../testing/manual_clock.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { FALLING_BEHIND_BATCHES } from "./micro_batch_execution.ts";

const schema = parseSchemaDDL("v BIGINT");
const sessions: SparkSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop();
});

/** Batch b holds rowsOf(b) rows; processing a batch moves the manual clock by 1 ms per 100 rows. */
async function run(rowsOf: (b: number) => number, batches: number): Promise<string[]> {
  const spark = SparkSession.builder.create();
  sessions.push(spark);
  const clock = new ManualClock(1_000_000);
  spark.clock = clock;
  const warnings: string[] = [];
  spark.log.warn = (m) => void warnings.push(m);
  spark.plugins.registry.register(defineSource<Record<string, never>>({
    name: "growing", summary: "Batches of a given size (tests only).", options: { type: "object", properties: {} },
    schema: () => schema,
    create: () => ({
      schema, description: "growing",
      latestOffset: (start: Offset) => {
        const next = start === null ? 0 : (start as number) + 1;
        return next < batches ? next : start;
      },
      getBatch: (_s: Offset, end: Offset) => Array.from({ length: rowsOf(end as number) }, (_, i) => [i]),
    }),
  }), "test");
  const q = spark.readStream.format("growing").load().writeStream.queryName("behind")
    .foreachBatch((df) => clock.advance(Math.ceil(df.collectRaw().rows.length / 100))).start();
  await q.processAllAvailable();
  return warnings;
}

test("batches growing and slowing batch after batch: one warning, saying by how much", async () => {
  const warnings = await run((b) => 1000 * 2 ** b, FALLING_BEHIND_BATCHES + 4);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toStartWith("Query behind [id = ");
  expect(warnings[0]).toContain(`is falling behind its sources: they produced 200000 rows/s over the last ${FALLING_BEHIND_BATCHES} batches and it processed 100000 rows/s`);
  expect(warnings[0]).toContain("Its memory stays bounded (rows flow through in chunks).");
});

test("a query that keeps up is not warned", async () => {
  expect(await run(() => 1000, 8)).toEqual([]);
});
