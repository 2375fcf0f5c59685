// The kill -9 matrix for file sinks (issue 17): a query reads JSON files (ids beyond 2^53 among
// them) and writes them to a file sink; it is SIGKILLed at random moments and restarted until a run
// ends by itself (availableNow). Then the committed output (what the sink's _spark_metadata lists)
// is compared with a recomputation straight from the source files: nothing lost, nothing doubled,
// every id exact. Used by kill9.test.ts (a few kills, in CI) and long.ts (many).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSluice } from "./sluice_process.ts";

export type SinkFormat = "json" | "parquet" | "csv";
export type QueryShape = "stateless" | "dedup";

export interface KillResult {
  format: SinkFormat;
  shape: QueryShape;
  tries: number;
  kills: number;
  lost: number;
  duplicated: number;
  /** Rows the output has that the source does not (changed values, e.g. a rounded id). */
  wrong: number;
}

/** Enough input for the kills to land while batches still run: 24 files, and 4 more per kill. */
const filesFor = (kills: number) => 24 + 4 * kills;
const ROWS_PER_FILE = 40;

/** The source rows as "id,n" text, built from integers so no id passes through a JS number. */
function sourceRows(file: number): string[] {
  return Array.from({ length: ROWS_PER_FILE }, (_, i) => {
    const n = file * ROWS_PER_FILE + i;
    return `${9007199254740993n + BigInt(n) * 1000003n},${n}`;
  });
}

function writePipeline(dir: string, format: SinkFormat, shape: QueryShape): string {
  const path = join(dir, "pipeline.ts");
  writeFileSync(path, `import { SparkSession } from "sluice";
const spark = SparkSession.builder.appName("kill9").getOrCreate();
let df = spark.readStream.schema("id BIGINT, n INT").option("maxFilesPerTrigger", 1).json(${JSON.stringify(join(dir, "input"))});
${shape === "dedup" ? 'df = df.dropDuplicates(["id"]);' : ""}
await df.writeStream.format(${JSON.stringify(format)}).option("path", ${JSON.stringify(join(dir, "output"))})
  ${format === "csv" ? '.option("header", "true")' : ""}
  .option("checkpointLocation", ${JSON.stringify(join(dir, "checkpoint"))})
  .trigger({ availableNow: true }).start().awaitTermination();
`);
  return path;
}

/** The committed output rows as "id,n" text, read through Sluice's own batch reader (it honours _spark_metadata). */
async function committedRows(dir: string, format: SinkFormat): Promise<string[]> {
  const { SparkSession } = await import("../../runtime/mod.ts");
  const spark = SparkSession.builder.appName("kill9-check").create();
  const out = join(dir, "output");
  const reader = spark.read.schema("id BIGINT, n INT");
  const df = format === "json" ? reader.json(out) : format === "csv" ? reader.option("header", "true").csv(out) : spark.read.parquet(out);
  return df.collectRaw().rows.map((r) => `${String(r[0])},${String(r[1])}`);
}

/** Runs the matrix cell: kills the query `kills` times at random moments, then lets it finish. */
export async function killMatrixCell(format: SinkFormat, shape: QueryShape, kills: number): Promise<KillResult> {
  const dir = mkdtempSync(join(tmpdir(), `sluice-kill9-${format}-${shape}-`));
  try {
    mkdirSync(join(dir, "input"));
    const all: string[] = [];
    for (let f = 0; f < filesFor(kills); f++) {
      const rows = sourceRows(f);
      all.push(...rows);
      // The dedup query also sees every row twice (once in another file): its output must still hold it once.
      const dupes = shape === "dedup" && f > 0 ? sourceRows(f - 1).slice(0, 5) : [];
      const text = [...rows, ...dupes].map((r) => { const [id, n] = r.split(","); return `{"id": ${id}, "n": ${n}}`; });
      writeFileSync(join(dir, "input", `part-${String(f).padStart(3, "0")}.json`), text.join("\n") + "\n");
    }
    const pipeline = writePipeline(dir, format, shape);
    let tries = 0, killed = 0;
    for (;;) {
      tries++;
      const { proc, done } = startSluice(pipeline);
      if (killed < kills) {
        const delay = 150 + Math.random() * 1050;
        const ended = await Promise.race([done.then(() => true), Bun.sleep(delay).then(() => false)]);
        if (!ended) {
          proc.kill(9);
          await done;
          killed++;
          continue;
        }
      }
      // All kills done, or the run finished before the next kill could land: it ended by itself.
      const r = await done;
      if (r.code !== 0) throw new Error(`run ${tries} exited ${r.code}:\n${r.stderr}`);
      break;
    }
    const got = await committedRows(dir, format);
    const want = new Set(all);
    const seen = new Map<string, number>();
    for (const row of got) seen.set(row, (seen.get(row) ?? 0) + 1);
    return {
      format, shape, tries, kills: killed,
      lost: all.filter((r) => !seen.has(r)).length,
      duplicated: [...seen.values()].reduce((a, c) => a + c - 1, 0),
      wrong: [...seen.keys()].filter((r) => !want.has(r)).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function summary(results: readonly KillResult[]): string {
  const sum = (k: "tries" | "kills" | "lost" | "duplicated" | "wrong") => results.reduce((a, r) => a + r[k], 0);
  return `kill -9 (file sinks): ${results.length} runs, ${sum("tries")} tries, ${sum("kills")} kills, ` +
    `${sum("lost")} lost, ${sum("duplicated")} duplicated, ${sum("wrong")} changed`;
}


