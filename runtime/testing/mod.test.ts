// The kit run on small plugins written here: a source reading lines a test appends to a file, and
// an in-memory sink that remembers the batch ids it wrote.
import { expect, test } from "bun:test";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineSink, defineSource, type Offset, type Row } from "../plugin/contract.ts";
import { LONG, STRING, StructField, StructType } from "../types/data_type.ts";
import { sinkConformance, sourceConformance } from "./mod.ts";

const LINES_SCHEMA = new StructType([new StructField("line", STRING), new StructField("n", LONG)]);

const lines = defineSource<{ path: string }>({
  name: "lines",
  summary: "Lines appended to a file; the offset is the number of lines.",
  options: { type: "object", additionalProperties: false, required: ["path"], properties: { path: { type: "string" } } },
  schema: () => LINES_SCHEMA,
  create({ path }) {
    const read = () => (existsSync(path) ? readFileSync(path, "utf8").split("\n").slice(0, -1) : []);
    let stopAt: number | undefined;
    return {
      schema: LINES_SCHEMA,
      description: `Lines[${path}]`,
      latestOffset: () => stopAt ?? read().length,
      getBatch: (start: Offset, end: Offset): Row[] =>
        read().slice(Number(start ?? 0), Number(end)).map((line, i) => [line, Number(start ?? 0) + i]),
      // Everything up to the newest line is fixed when an AvailableNow run starts.
      prepareForTriggerAvailableNow: () => (stopAt = read().length),
    };
  },
});

sourceConformance(lines, {
  options: (env) => ({ path: join(env.dataDir, "input.txt") }),
  produce: (env, batch) => {
    mkdirSync(env.dataDir, { recursive: true });
    appendFileSync(join(env.dataDir, "input.txt"), `batch ${batch} a\nbatch ${batch} b\n`);
  },
});

/** Tables shared by every writer in this file, keyed by the metadata directory, like a real store. */
const tables = new Map<string, { batches: Set<number>; rows: Row[] }>();

const memoryLike = defineSink({
  name: "memory-like",
  summary: "Keeps rows in memory, writing each batch id once.",
  outputModes: ["append", "complete"],
  options: { type: "object", additionalProperties: false, properties: { label: { type: "string", default: "t" } } },
  create(_options, ctx) {
    const key = ctx.metadataDir ?? "none";
    const table = tables.get(key) ?? { batches: new Set<number>(), rows: [] };
    tables.set(key, table);
    return {
      description: "MemoryLike",
      addBatch(batchId: number, rows: Row[], mode) {
        if (table.batches.has(batchId)) return;
        table.batches.add(batchId);
        if (mode === "complete") table.rows = [];
        table.rows.push(...rows);
        ctx.stdout(`batch ${batchId}\n`);
      },
    };
  },
});

sinkConformance(memoryLike, {
  options: { label: "x" },
  schema: LINES_SCHEMA,
  rows: [["a", 1], ["b", null]],
  readBack: (env) => tables.get(env.metadataDir)!.rows,
  checkRestart: true,
});

sinkConformance(memoryLike, {
  options: {},
  schema: LINES_SCHEMA,
  rows: [["only", 1]],
  mode: "complete",
});

test("the kit's sink suites wrote each batch id once into the sample sink's tables", () => {
  // Every table the suites filled holds its rows once, however often a batch id was replayed.
  const written = [...tables.values()].filter((t) => t.batches.size > 0);
  expect(written.length).toBeGreaterThan(0);
  for (const t of written) expect(new Set(t.rows.map((r) => JSON.stringify(r))).size).toBe(t.rows.length);
});
