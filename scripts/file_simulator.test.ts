// The file simulator drops whole files (hidden name, then rename) and numbers them after the ones there.
import { afterAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nextFileIndex, startFileSimulator } from "./file_simulator.ts";
import { sensorFile, sensorText, transactionFile, transactionText, writeTransactionFiles } from "./sample_data.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-file-simulator-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("carries on after the files already there, one file per interval, never visible half-written", async () => {
  const input = join(dir, "transactions");
  writeTransactionFiles(input, { files: 3 });
  expect(nextFileIndex(input, "transactions")).toBe(3);
  const seen: string[] = [];
  const watcher = watch(input, (_event, name) => name && seen.push(String(name)));
  const times: number[] = [];
  const sim = startFileSimulator({ dir: input, intervalMs: 30, count: 3, onFile: () => times.push(performance.now()) });
  await sim.done;
  watcher.close();
  expect(readdirSync(input).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `transactions-00${i}.json`));
  expect(readFileSync(join(input, "transactions-004.json"), "utf8")).toBe(transactionText(transactionFile(4), "json"));
  expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(50);
  // Every file first appeared under its hidden temporary name.
  expect(seen.filter((n) => n.startsWith("."))).toContain(".transactions-003.json.tmp");
});

test("sensor readings, and stop() ends an unbounded run", async () => {
  const input = join(dir, "sensors");
  const sim = startFileSimulator({ dir: input, intervalMs: 10_000, kind: "sensors" });
  sim.stop();
  await sim.done;
  expect(readdirSync(input)).toEqual(["readings-000.json"]);
  expect(readFileSync(join(input, "readings-000.json"), "utf8")).toBe(sensorText(sensorFile(0)));
});

test("the command line prints each file it writes", () => {
  const input = join(dir, "cli");
  const r = spawnSync(process.execPath, [join(import.meta.dir, "file_simulator.ts"), input, "--interval", "0.01", "--count", "2", "--rows", "4"], { encoding: "utf8" });
  expect(r.status).toBe(0);
  expect(r.stdout.trim().split("\n")).toEqual([join(input, "transactions-000.json"), join(input, "transactions-001.json")]);
  expect(r.stderr).toContain(`writing a transactions file into ${input} every 0.01 s (2 files)`);
  expect(readFileSync(join(input, "transactions-001.json"), "utf8").trimEnd().split("\n").length).toBe(4);
  const bad = spawnSync(process.execPath, [join(import.meta.dir, "file_simulator.ts"), input, "--interval", "soon"], { encoding: "utf8" });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("--interval must be seconds, got 'soon'");
});
