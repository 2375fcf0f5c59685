// The sample end to end against a real broker: the Delta table it writes, read by delta-rs, holds
// exactly the windows the watermark closed, with the revenue and orders computed from the events;
// OPTIMIZE then leaves one file per partition and the same rows.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { kafkaBroker } from "../../scripts/kafka/service.ts";
import { expectedRevenue, orderEvents, produceEvents } from "../kafka-to-postgres/generate.ts";

const root = resolve(import.meta.dir, "../..");
const EVENTS = 12_000;
const HOOK_TIMEOUT_MS = 240_000;

let bootstrap = "";
const topic = `orders-delta-${process.pid}`;
const work = mkdtempSync(join(tmpdir(), "sluice-kafka-to-delta-"));
const events = orderEvents(EVENTS);

beforeAll(async () => {
  bootstrap = (await kafkaBroker()).bootstrap;
  await produceEvents(bootstrap, topic, events, 4);
}, HOOK_TIMEOUT_MS);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const READ = `
import sys, os, json
from deltalake import DeltaTable
t = DeltaTable(sys.argv[1])
rows = [[r["window_start"].strftime("%Y-%m-%dT%H:%M:%S.000Z"), r["category"], str(r["revenue"]), r["orders"]] for r in t.to_pyarrow_table().to_pylist()]
rows.sort()
print(json.dumps({"version": t.version(), "files": len(t.file_uris()), "rows": rows}))
sys.stdout.flush()
os._exit(0)
`;

function deltaRs(path: string): { version: number; files: number; rows: unknown[][] } {
  const r = spawnSync("python3", ["-c", READ, path], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const parquetFiles = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((n, e) =>
    n + (e.isDirectory() && e.name !== "_delta_log" ? parquetFiles(join(dir, e.name)) : e.name.endsWith(".parquet") ? 1 : 0), 0);

test("Kafka → from_json → watermark → 5-minute windows → Delta, then OPTIMIZE", async () => {
  const path = join(work, "revenue");
  const p = Bun.spawn([process.execPath, join(root, "runtime/main.ts"), "run", join(import.meta.dir, "pipeline.ts")], {
    cwd: root,
    env: {
      ...process.env, KAFKA_BOOTSTRAP: bootstrap, KAFKA_TOPIC: topic, DELTA_PATH: path, CHECKPOINT: join(work, "checkpoint"),
      MAX_OFFSETS_PER_TRIGGER: "1500", AVAILABLE_NOW: "1",
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  const status = await p.exited;
  const out = await new Response(p.stdout).text();
  if (status !== 0) throw new Error(`pipeline exited ${status}: ${await new Response(p.stderr).text()}`);
  expect(out).toMatch(/OPTIMIZE: \d+ files compacted into 5 \(5 partitions\)/);
  expect(out).toContain("|OPTIMIZE ");

  // The windows the final watermark (newest event time - 1 minute) has closed.
  const watermark = Math.max(...events.filter((e) => e.order_id % 1000 !== 999).map((e) => e.timeMs)) - 60_000;
  const expected = [...expectedRevenue(events)]
    .filter(([key]) => Date.parse(key.split("|")[0]!) + 300_000 <= watermark)
    .map(([key, v]) => {
      const [windowStart, category] = key.split("|");
      return [windowStart, category, `${Math.floor(v.revenueCents / 100)}.${String(v.revenueCents % 100).padStart(2, "0")}`, v.orders];
    }).sort();
  expect(expected.length).toBeGreaterThan(10);
  const got = deltaRs(path);
  expect(got.rows).toEqual(expected);
  // After OPTIMIZE the current version has one file per category; the replaced ones stay for time travel.
  expect(got.files).toBe(5);
  expect(parquetFiles(path)).toBeGreaterThan(5);
}, 180_000);
