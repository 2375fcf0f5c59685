// Throughput of the state store for the report: 1M keys ["user<n>", i] with 3-element values.
// Run: bun runtime/state/bench_state_store.ts (or deno run -A …). Not a test: numbers depend on the machine.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileStateStoreProvider } from "./file_state_store_provider.ts";
import { MemoryStateStoreProvider } from "./memory_state_store_provider.ts";
import type { StateStoreProvider } from "./state_store.ts";

const ROWS = 1_000_000;
const keys: [string, number][] = [];
for (let i = 0; i < ROWS; i++) keys.push([`user${i % 100_000}`, i]);

function time(label: string, f: () => void, rows?: number): void {
  const start = performance.now();
  f();
  const ms = performance.now() - start;
  const rate = rows === undefined ? "" : `  ${(rows / (ms / 1000) / 1e6).toFixed(2)} M/s`;
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms${rate}`);
}

function run(name: string, p: StateStoreProvider, dir?: string): void {
  console.log(`-- ${name}`);
  const s0 = p.load(0);
  time("put 1M new keys", () => { for (const k of keys) s0.put(k, [k[1], 1, "value"]); }, ROWS);
  time("get 1M keys (hits)", () => { for (const k of keys) s0.get(k); }, ROWS);
  time("commit version 1 (delta of 1M rows)", () => s0.commit());
  const s1 = p.load(1);
  time("load version 1 (in memory)", () => p.load(1));
  const s = p.load(1);
  time("update 1M existing keys (get + put)", () => {
    for (const k of keys) {
      const v = s.get(k)!;
      s.put(k, [v[0], (v[1] as number) + 1, v[2]]);
    }
  }, ROWS);
  time("commit version 2 (delta 1M, snapshot 1M)", () => s.commit());
  void s1;
  if (dir !== undefined) {
    console.log(`   files: 1.delta ${mb(join(dir, "1.delta"))}, 2.delta ${mb(join(dir, "2.delta"))}, 2.snapshot ${mb(join(dir, "2.snapshot"))}`);
    time("reload version 2 from the snapshot (new provider)", () => FileStateStoreProvider.open(dir).load(2));
    time("reload version 1 from its delta (new provider)", () => FileStateStoreProvider.open(dir).load(1));
  }
  const s2 = p.load(2);
  time("update 1k keys then commit (small batch)", () => {
    for (let i = 0; i < 1000; i++) s2.put(keys[i]!, [0, 0, "small"]);
    s2.commit();
  });
  time("iterate 1M entries", () => { let n = 0; for (const _ of p.load(3).iterator()) n++; }, ROWS);
  p.close();
}

const mb = (path: string) => `${(statSync(path).size / 1e6).toFixed(1)} MB`;

run("in memory", new MemoryStateStoreProvider());
const root = mkdtempSync(join(tmpdir(), "sluice-state-bench-"));
const dir = join(root, "state", "0", "0");
try {
  run("files (snapshot every 2 versions)", FileStateStoreProvider.open(dir, { snapshotInterval: 2 }), dir);
} finally {
  rmSync(root, { recursive: true, force: true });
}
