// kill -9 on the Delta sink: a query writing 40 files' rows is killed at 20 random moments and
// restarted from its checkpoint each time, then run to the end; delta-rs (and Sluice) find every
// row exactly once: the txn action makes a replayed batch commit nothing, and a data file of a
// commit that never happened is never read.
import { afterAll, expect, test } from "bun:test";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listLog } from "./log_store.ts";
import { readTable } from "./test_table.ts";

const FILES = 40;
const ROWS_PER_FILE = 25;
const KILLS = 20;

const root = mkdtempSync(join(tmpdir(), "sluice-delta-crash-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(args: string[]): { done: Promise<number | null>; kill(): void } {
  const child = spawn(process.execPath, [join(import.meta.dir, "crash_writer.ts"), ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => {
    if (code !== 0 && code !== null) console.error(stderr);
    resolve(code);
  }));
  return { done, kill: () => child.kill("SIGKILL") };
}

test("20 kills at random moments: every row once, read by delta-rs", async () => {
  const input = join(root, "in");
  mkdirSync(input);
  let files = 0;
  // More input whenever a run got to the end before its kill came, so there is always work to kill.
  const addFiles = (n: number) => {
    for (let k = 0; k < n; k++, files++) {
      const lines = Array.from({ length: ROWS_PER_FILE }, (_, i) => JSON.stringify({ id: files * ROWS_PER_FILE + i, file: files }));
      writeFileSync(join(input, `part-${String(files).padStart(4, "0")}.json`), lines.join("\n") + "\n");
    }
  };
  addFiles(FILES);
  const table = join(root, "table");
  const args = [input, table, join(root, "checkpoint")];
  let killed = 0;
  // Kills land within the run: the window shrinks to the shortest run seen to finish, since a quiet
  // machine finishes a run well before a loaded one does (0.5 s vs 3 s).
  let window = 2800;
  for (let attempt = 0; killed < KILLS && attempt < KILLS * 3; attempt++) {
    const p = run(args);
    const started = Date.now();
    const wait = 100 + Math.floor(Math.random() * (window - 100));
    const timer = setTimeout(() => p.kill(), wait);
    const code = await p.done;
    clearTimeout(timer);
    if (code === null) killed++;
    else {
      expect(code).toBe(0);
      window = Math.max(200, Math.min(window, Math.floor((Date.now() - started) * 0.8)));
      addFiles(10);
    }
  }
  expect(killed).toBe(KILLS);
  expect(await run(args).done).toBe(0);

  const total = files * ROWS_PER_FILE;
  const ids = (readTable(table) as number[][]).map((r) => r[0]!).sort((a, b) => a - b);
  expect(ids).toEqual(Array.from({ length: total }, (_, i) => i));
  const py = `
import sys, os
from deltalake import DeltaTable
t = DeltaTable(sys.argv[1]).to_pyarrow_table()
ids = t.column("id").to_pylist()
print(len(ids), len(set(ids)), min(ids), max(ids))
sys.stdout.flush()
os._exit(0)
`;
  const r = spawnSync("python3", ["-c", py, table], { encoding: "utf8", timeout: 120_000 });
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe(`${total} ${total} 0 ${total - 1}`);
  // One commit per batch that committed: at most one per file.
  expect(listLog(table).commits.length).toBeLessThanOrEqual(files);
}, 300_000);
