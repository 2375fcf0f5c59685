import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SluiceError } from "../errors.ts";
import { Checkpoint } from "./checkpoint.ts";
import { checkIntegrity } from "./integrity.ts";

function withCheckpoint(batches: number, committed: number, fn: (cp: Checkpoint, dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), "sluice-integrity-"));
  try {
    const cp = new Checkpoint(dir);
    cp.queryId("q");
    for (let b = 0; b < batches; b++) {
      cp.writeOffsets(b, { batchWatermarkMs: 0, batchTimestampMs: b, conf: {}, offsets: [{ logOffset: b }] });
      if (b < committed) cp.writeCommit(b, { nextBatchWatermarkMs: 0 });
    }
    fn(cp, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function failure(fn: () => void): SluiceError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("expected the checkpoint to be refused");
}

const stateless = { stateful: false, sources: 1 };
const stateful = { stateful: true, sources: 1 };

describe("checkpoint integrity", () => {
  test("intact checkpoints pass: empty, all committed, the last batch planned but not committed", () => {
    withCheckpoint(0, 0, (cp) => checkIntegrity(cp, stateful));
    withCheckpoint(3, 3, (cp) => checkIntegrity(cp, stateful));
    withCheckpoint(3, 2, (cp) => checkIntegrity(cp, stateful));
  });

  test("offsets/N deleted with commits/N kept: CONCURRENT_STREAM_LOG_UPDATE naming the files", () => {
    withCheckpoint(3, 3, (cp, dir) => {
      rmSync(join(dir, "offsets", "2"));
      const e = failure(() => checkIntegrity(cp, stateless));
      expect(e.code).toBe("CONCURRENT_STREAM_LOG_UPDATE");
      expect(e.sqlState).toBe("40000");
      expect(e.bareMessage).toContain("Multiple streaming jobs detected for 2.");
      expect(e.hint).toContain(join(dir, "commits", "2"));
      expect(e.hint).toContain(join(dir, "offsets", "2"));
    });
  });

  test("offsets/ deleted: STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY with state, CONCURRENT_STREAM_LOG_UPDATE without", () => {
    withCheckpoint(3, 3, (cp, dir) => {
      rmSync(join(dir, "offsets"), { recursive: true });
      mkdirSync(join(dir, "state", "0", "0"), { recursive: true });
      writeFileSync(join(dir, "state", "0", "0", "3.delta"), "x");
      const e = failure(() => checkIntegrity(cp, stateful));
      expect(e.code).toBe("STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY");
      expect(e.bareMessage).toBe(`The checkpoint location ${join(dir, "state")} should be empty on batch 0. Please either use a new checkpoint location, or delete the existing data in the checkpoint location.`);
      expect(failure(() => checkIntegrity(cp, stateless)).code).toBe("CONCURRENT_STREAM_LOG_UPDATE");
    });
  });

  test("only the state schema written at first start does not count as state", () => {
    withCheckpoint(0, 0, (cp, dir) => {
      mkdirSync(join(dir, "state", "0", "_metadata"), { recursive: true });
      writeFileSync(join(dir, "state", "0", "_metadata", "schema"), "{}");
      checkIntegrity(cp, stateful);
    });
  });

  test("the batch before the latest is missing: Spark's \"batch N doesn't exist\"", () => {
    withCheckpoint(4, 3, (cp, dir) => {
      rmSync(join(dir, "offsets", "2"));
      const e = failure(() => checkIntegrity(cp, stateless));
      expect(e.code).toBe("CHECKPOINT_CORRUPT");
      expect(e.bareMessage).toContain("batch 2 doesn't exist");
      expect(e.bareMessage).toContain(join(dir, "offsets", "2"));
    });
  });

  test("another number of sources than the query's", () => {
    withCheckpoint(2, 2, (cp) => {
      const e = failure(() => checkIntegrity(cp, { stateful: false, sources: 2 }));
      expect(e.code).toBe("CHECKPOINT_SOURCES_MISMATCH");
      expect(e.bareMessage).toBe("There are [1] sources in the checkpoint offsets and now there are [2] sources requested by the query. Cannot continue.");
    });
  });
});
