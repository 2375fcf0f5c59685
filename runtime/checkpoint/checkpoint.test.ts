import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Offset } from "../plugin/contract.ts";
import { Checkpoint } from "./checkpoint.ts";

function withDir(fn: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), "sluice-cp-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("Checkpoint", () => {
  test("metadata keeps the first query id", () => withDir((dir) => {
    const cp = new Checkpoint(dir);
    expect(cp.queryId("a")).toBe("a");
    expect(new Checkpoint(dir).queryId("b")).toBe("a");
    expect(readFileSync(join(dir, "metadata"), "utf8")).toBe('{"id":"a"}\n');
  }));

  test("offsets and commits use Spark's layout and round-trip", () => withDir((dir) => {
    const cp = new Checkpoint(dir);
    cp.writeOffsets(0, { batchWatermarkMs: 0, batchTimestampMs: 1000, conf: { k: "v" }, offsets: [{ logOffset: 3 }, null] });
    cp.writeCommit(0, { nextBatchWatermarkMs: 5000 });
    expect(readFileSync(join(dir, "offsets", "0"), "utf8")).toBe('v1\n{"batchWatermarkMs":0,"batchTimestampMs":1000,"conf":{"k":"v"}}\n{"logOffset":3}\n-\n');
    expect(readFileSync(join(dir, "commits", "0"), "utf8")).toBe('v1\n{"nextBatchWatermarkMs":5000}\n');
    expect(cp.readOffsets(0)).toEqual({ batchWatermarkMs: 0, batchTimestampMs: 1000, conf: { k: "v" }, offsets: [{ logOffset: 3 }, null] });
    expect(cp.readCommit(0).nextBatchWatermarkMs).toBe(5000);
    expect(cp.offsets.latest()).toBe(0);
  }));

  test("offsets beyond 2^53 are written as Spark's exact longs and read back exact", () => withDir((dir) => {
    const cp = new Checkpoint(dir);
    const offsets: Offset[] = [{ topic: { "0": 9007199254740993n, "1": 12 } }, { id: 9223372036854775807n }];
    cp.writeOffsets(0, { batchWatermarkMs: 0, batchTimestampMs: 1, conf: {}, offsets });
    expect(readFileSync(join(dir, "offsets", "0"), "utf8")).toBe(
      'v1\n{"batchWatermarkMs":0,"batchTimestampMs":1,"conf":{}}\n{"topic":{"0":9007199254740993,"1":12}}\n{"id":9223372036854775807}\n',
    );
    expect(cp.readOffsets(0).offsets).toEqual(offsets);
    // A file Spark wrote reads the same.
    writeFileSync(join(dir, "offsets", "1"), 'v1\n{"batchWatermarkMs":0,"batchTimestampMs":2,"conf":{}}\n{"t":{"0":12345678901234567}}\n');
    expect(cp.readOffsets(1).offsets).toEqual([{ t: { "0": 12345678901234567n } }]);
  }));

  test("a truncated or corrupt file is reported with its path, not read as empty", () => withDir((dir) => {
    const cp = new Checkpoint(dir);
    cp.writeOffsets(0, { batchWatermarkMs: 0, batchTimestampMs: 1, conf: {}, offsets: [1] });
    writeFileSync(join(dir, "offsets", "0"), 'v1\n{"batchWatermarkMs":0,"batchTim');
    expect(() => cp.readOffsets(0)).toThrow(join(dir, "offsets", "0"));
    cp.writeCommit(0, { nextBatchWatermarkMs: 1 });
    writeFileSync(join(dir, "commits", "0"), "garbage");
    try {
      cp.readCommit(0);
      throw new Error("expected an error");
    } catch (e) {
      expect((e as { code: string }).code).toBe("CHECKPOINT_CORRUPT");
    }
    writeFileSync(join(dir, "metadata"), "not json");
    expect(() => cp.queryId("x")).toThrow("metadata");
  }));

  test("purge keeps the last N batches", () => withDir((dir) => {
    const cp = new Checkpoint(dir);
    for (let i = 0; i < 5; i++) {
      cp.writeOffsets(i, { batchWatermarkMs: 0, batchTimestampMs: i, conf: {}, offsets: [i] });
      cp.writeCommit(i, { nextBatchWatermarkMs: 0 });
    }
    cp.purge(4, 2);
    expect(cp.offsets.batchIds()).toEqual([3, 4]);
    expect(cp.commits.batchIds()).toEqual([3, 4]);
    expect(existsSync(join(dir, "offsets", "2"))).toBe(false);
  }));
});
