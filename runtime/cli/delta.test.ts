// `sluice delta …`: the arguments, and the three actions on a real table.
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../api/session.ts";
import { parseArgs } from "./args.ts";
import { deltaText } from "./delta.ts";

const root = mkdtempSync(join(tmpdir(), "sluice-cli-delta-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("arguments: the action, the path, the options each action takes", () => {
  expect(parseArgs(["delta", "history", "/t", "--limit", "3"])).toEqual({ command: "delta", action: "history", path: "/t", limit: 3 });
  expect(parseArgs(["delta", "vacuum", "/t", "--retain", "0", "--dry-run", "--conf", "a=b"]))
    .toEqual({ command: "delta", action: "vacuum", path: "/t", retainHours: 0, dryRun: true, conf: [["a", "b"]] });
  expect(parseArgs(["delta", "optimize", "/t"])).toEqual({ command: "delta", action: "optimize", path: "/t", conf: [] });
  expect(parseArgs(["delta", "compact", "/t"])).toMatchObject({ command: "usage-error", message: "unknown action 'compact' (expected history, optimize or vacuum)" });
  expect(parseArgs(["delta", "history"])).toMatchObject({ command: "usage-error", message: "missing the table's path" });
  expect(parseArgs(["delta", "history", "/t", "--retain", "1"])).toMatchObject({ command: "usage-error", message: "option '--retain' does not apply to history" });
  expect(parseArgs(["delta", "vacuum", "/t", "--retain", "-1"])).toMatchObject({ command: "usage-error" });
  expect(parseArgs(["delta", "--help"])).toEqual({ command: "help", topic: "delta" });
});

test("history, optimize and vacuum on a table", async () => {
  const spark = SparkSession.builder.getOrCreate().newSession();
  const t = join(root, "t");
  for (let i = 0; i < 3; i++) await spark.createDataFrame([[i]], "id INT").write.format("delta").mode("append").save(t);
  const history = deltaText({ command: "delta", action: "history", path: t, limit: 2 });
  expect(history.split("\n")[1]).toMatch(/^\|version\|\s*timestamp\|operation\|/);
  expect(history).toContain("|      2|");
  expect(history).not.toContain("|      0|");
  expect(deltaText({ command: "delta", action: "optimize", path: t, conf: [] })).toMatch(/^Compacted 3 files \(.*\) into 1 \(.*\) in 1 partition\(s\) of .*: version 3\.\n$/);
  expect(deltaText({ command: "delta", action: "optimize", path: t, conf: [] })).toContain("Nothing to compact");
  expect(() => deltaText({ command: "delta", action: "vacuum", path: t, retainHours: 0, dryRun: true, conf: [] })).toThrow("DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT");
  const dry = deltaText({
    command: "delta", action: "vacuum", path: t, retainHours: 0, dryRun: true, conf: [["spark.databricks.delta.retentionDurationCheck.enabled", "false"]],
  });
  expect(dry).toMatch(/^Would delete \d+ files from /);
  expect(() => deltaText({ command: "delta", action: "history", path: join(root, "none") })).toThrow("DELTA_MISSING_DELTA_TABLE");
});
