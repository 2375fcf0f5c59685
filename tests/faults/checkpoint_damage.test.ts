// The checkpoint damage matrix (issue 17): a file-to-file query (and a stateful one) runs three
// batches, its checkpoint is damaged one way, a new input file arrives, and the query is restarted
// through `sluice run`. Each damage has one expected outcome: refused with Spark's error class and
// the damaged path (exit 1, the output untouched), or recovered — every input row in the output
// exactly once. Never a silent restart that loses or doubles rows. Prints one summary line.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runSluice } from "./sluice_process.ts";

const root = mkdtempSync(join(tmpdir(), "sluice-cp-damage-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Kind = "stateless" | "stateful";

interface Damage {
  id: string;
  kind: Kind;
  damage(cp: string): void;
  /** The error class the restart must fail with, and text it must name; or "recovers". */
  expect: { refused: string; names: (cp: string) => string } | "recovers";
}

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function writeInput(dir: string, n: number): void {
  // Ids beyond 2^53 as well, so the output also proves they stay exact.
  const rows = ids(n * 10 + 1, n * 10 + 10).map((i) => `{"id": ${BigInt(i) * 1000000000000n + 123n}, "n": ${i}}`);
  writeFileSync(join(dir, `part-${n}.json`), rows.join("\n") + "\n");
}

function pipeline(kind: Kind, input: string, output: string, checkpoint: string): string {
  const path = join(root, `pipeline-${kind}.ts`);
  writeFileSync(path, `import { SparkSession } from "sluice";
const spark = SparkSession.builder.appName("damage").getOrCreate();
let df = spark.readStream.schema("id BIGINT, n INT").option("maxFilesPerTrigger", 1).json(process.env.INPUT!);
${kind === "stateful" ? 'df = df.dropDuplicates(["id"]);' : ""}
await df.writeStream.format("json").option("path", process.env.OUTPUT!).option("checkpointLocation", process.env.CHECKPOINT!)
  .trigger({ availableNow: true }).start().awaitTermination();
`);
  void input; void output; void checkpoint;
  return path;
}

/** The rows the file sink committed (its _spark_metadata lists them), as sorted "id/n" strings. */
function committedOutput(output: string): string[] {
  const meta = join(output, "_spark_metadata");
  const files = new Set<string>();
  for (const f of readdirSync(meta)) {
    if (!/^\d+(\.compact)?$/.test(f)) continue;
    for (const line of readFileSync(join(meta, f), "utf8").split("\n").slice(1)) {
      if (line.trim()) files.add(decodeURIComponent(new URL((JSON.parse(line) as { path: string }).path).pathname));
    }
  }
  const rows: string[] = [];
  for (const f of files) {
    for (const line of readFileSync(f, "utf8").split("\n")) {
      // Read the ids as text: the proof must not go through a JS number.
      const m = /"id":(-?\d+),"n":(\d+)/.exec(line);
      if (m) rows.push(`${m[1]}/${m[2]}`);
    }
  }
  return rows.sort();
}

const expected = (files: number) => ids(1, files * 10).map((i) => `${BigInt(i) * 1000000000000n + 123n}/${i}`).sort();

const rm = (p: string) => rmSync(p, { recursive: true, force: true });
const damages: Damage[] = [
  { id: "offsets/N deleted, commits/N kept", kind: "stateless", damage: (cp) => rm(join(cp, "offsets", "2")),
    expect: { refused: "CONCURRENT_STREAM_LOG_UPDATE", names: (cp) => join(cp, "commits", "2") } },
  { id: "offsets/ deleted, commits/ kept", kind: "stateless", damage: (cp) => rm(join(cp, "offsets")),
    expect: { refused: "CONCURRENT_STREAM_LOG_UPDATE", names: (cp) => join(cp, "offsets") } },
  { id: "offsets/ deleted, state/ kept", kind: "stateful", damage: (cp) => rm(join(cp, "offsets")),
    expect: { refused: "STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY", names: (cp) => join(cp, "state") } },
  { id: "offsets/ and commits/ deleted, state/ kept", kind: "stateful", damage: (cp) => { rm(join(cp, "offsets")); rm(join(cp, "commits")); },
    expect: { refused: "STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY", names: (cp) => join(cp, "state") } },
  { id: "offsets/N-1 deleted under an uncommitted offsets/N", kind: "stateless", damage: (cp) => { rm(join(cp, "commits", "2")); rm(join(cp, "offsets", "1")); },
    expect: { refused: "CHECKPOINT_CORRUPT", names: (cp) => join(cp, "offsets", "1") } },
  { id: "offsets/N truncated", kind: "stateless", damage: (cp) => truncateSync(join(cp, "offsets", "2"), 20),
    expect: { refused: "CHECKPOINT_CORRUPT", names: (cp) => join(cp, "offsets", "2") } },
  { id: "commits/N truncated", kind: "stateless", damage: (cp) => truncateSync(join(cp, "commits", "2"), 5),
    expect: { refused: "CHECKPOINT_CORRUPT", names: (cp) => join(cp, "commits", "2") } },
  { id: "metadata corrupt", kind: "stateless", damage: (cp) => writeFileSync(join(cp, "metadata"), "{\"id\": "),
    expect: { refused: "CHECKPOINT_CORRUPT", names: (cp) => join(cp, "metadata") } },
  { id: "a state delta file truncated", kind: "stateful", damage: (cp) => truncateSync(join(cp, "state", "0", "0", "3.delta"), 10),
    expect: { refused: "CANNOT_LOAD_STATE_STORE.UNCATEGORIZED", names: (cp) => join(cp, "state", "0", "0", "3.delta") } },
  { id: "sources/0/N deleted (the file source log behind the offsets)", kind: "stateless", damage: (cp) => { rm(join(cp, "commits", "2")); rm(join(cp, "sources", "0", "2")); },
    expect: { refused: "PLUGIN_FAILED", names: (cp) => join(cp, "sources", "0") } },
  { id: "commits/N deleted (Spark re-runs batch N)", kind: "stateless", damage: (cp) => rm(join(cp, "commits", "2")), expect: "recovers" },
  { id: "commits/N deleted, stateful", kind: "stateful", damage: (cp) => rm(join(cp, "commits", "2")), expect: "recovers" },
  { id: "metadata deleted (a new query id, same progress)", kind: "stateless", damage: (cp) => rm(join(cp, "metadata")), expect: "recovers" },
];

/** The undamaged first run: three batches, one per input file. Paths are absolute in the logs, so each case runs its own. */
async function firstRun(kind: Kind, dir: string): Promise<void> {
  mkdirSync(join(dir, "input"), { recursive: true });
  for (const n of [0, 1, 2]) writeInput(join(dir, "input"), n);
  const r = await run(kind, dir);
  if (r.code !== 0) throw new Error(`the undamaged run failed:\n${r.stderr}`);
  expect(committedOutput(join(dir, "output"))).toEqual(expected(3));
}

function run(kind: Kind, dir: string) {
  const env = { INPUT: join(dir, "input"), OUTPUT: join(dir, "output"), CHECKPOINT: join(dir, "checkpoint") };
  Object.assign(process.env, env);
  return runSluice(pipeline(kind, env.INPUT, env.OUTPUT, env.CHECKPOINT), [], 60_000);
}

const results: { id: string; outcome: "refused" | "recovered" | "wrong"; lost: number; doubled: number }[] = [];

describe("checkpoint damage matrix", () => {
  damages.forEach((d, n) => {
    test(d.id, async () => {
      const dir = join(root, `case-${n}`);
      await firstRun(d.kind, dir);
      const cp = join(dir, "checkpoint");
      d.damage(cp);
      writeInput(join(dir, "input"), 3);
      const r = await run(d.kind, dir);
      const out = committedOutput(join(dir, "output"));
      const want = d.expect === "recovers" ? expected(4) : expected(3);
      const seen = new Map<string, number>();
      for (const row of out) seen.set(row, (seen.get(row) ?? 0) + 1);
      const lost = want.filter((row) => !seen.has(row)).length;
      const doubled = [...seen.values()].reduce((a, c) => a + Math.max(0, c - 1), 0);
      let ok: boolean;
      if (d.expect === "recovers") {
        ok = r.code === 0 && lost === 0 && doubled === 0;
        results.push({ id: d.id, outcome: ok ? "recovered" : "wrong", lost, doubled });
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
      } else {
        ok = r.code === 1 && r.stderr.includes(`[${d.expect.refused}]`) && r.stderr.includes(d.expect.names(cp));
        results.push({ id: d.id, outcome: ok ? "refused" : "wrong", lost, doubled });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`[${d.expect.refused}]`);
        expect(r.stderr).toContain(d.expect.names(cp));
      }
      expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
      expect(out).toEqual(want);
    }, 120_000);
  });

  afterAll(() => {
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    console.log(`checkpoint damage: ${results.length} cases, ${count("refused")} refused with the expected class, ` +
      `${count("recovered")} recovered exactly, ${count("wrong")} wrong, ${results.reduce((a, r) => a + r.lost, 0)} rows lost, ` +
      `${results.reduce((a, r) => a + r.doubled, 0)} duplicated`);
  });
});
