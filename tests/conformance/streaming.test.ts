// Stateful streaming conformance against PySpark 4.1.1: every case under streaming/cases runs in
// Sluice straight through, restarted from its checkpoint after every batch, and crashed in the
// middle of every batch; each must give Spark's batches (streaming/runner.ts, goldens from
// scripts/goldens/streaming.py). A case Spark refuses must fail with Spark's error class.
// The suite's worker parameter: the straight and crashed runs use one thread; the restarted runs
// use 4 executor worker threads with every batch file cut into byte ranges (runner.ts RunOptions),
// fractional numbers compared to 12 significant digits (aggregates merged split by split).
import { describe, expect, test } from "bun:test";
import { differences, loadCases, runCrashed, runRestarted, runStraight, type Outcome, type StreamingCase, type Variant } from "./streaming/runner.ts";

const cases = await loadCases();

/** Every difference from Spark's batches, one line each: none when Sluice gives Spark's output. */
function check(c: StreamingCase, variant: Variant, got: Outcome, digits?: number): void {
  expect(differences(c, variant, got, digits)).toEqual([]);
}

const WORKERS = 4;

const own = (c: StreamingCase, variant: "restarted" | "crashed") => (c.golden[variant] ? "; Spark's own output of such a run differs from its straight run" : "");

describe("streaming conformance with PySpark 4.1.1", () => {
  for (const c of cases) {
    test(c.name, async () => check(c, "straight", await runStraight(c)), 20_000);
    if (c.golden.error) continue;
    test(`${c.name} (restarted from the checkpoint after every batch, on ${WORKERS} worker threads${own(c, "restarted")})`,
      async () => check(c, "restarted", await runRestarted(c, { workers: WORKERS }), 12), 20_000);
    test(`${c.name} (crashed in every batch before its commit, then restarted${own(c, "crashed")})`,
      async () => check(c, "crashed", await runCrashed(c)), 20_000);
  }
});
