// Stateful streaming conformance against PySpark 4.1.1: every case under streaming/cases runs in
// Sluice straight through, restarted from its checkpoint after every batch, and crashed in the
// middle of every batch; each must give Spark's batches (streaming/runner.ts, goldens from
// scripts/goldens/streaming.py). A case Spark refuses must fail with Spark's error class.
import { describe, expect, test } from "bun:test";
import { differences, loadCases, runCrashed, runRestarted, runStraight, type Outcome, type StreamingCase, type Variant } from "./streaming/runner.ts";

const cases = await loadCases();

/** Every difference from Spark's batches, one line each: none when Sluice gives Spark's output. */
function check(c: StreamingCase, variant: Variant, got: Outcome): void {
  expect(differences(c, variant, got)).toEqual([]);
}

const own = (c: StreamingCase, variant: "restarted" | "crashed") => (c.golden[variant] ? "; Spark's own output of such a run differs from its straight run" : "");

describe("streaming conformance with PySpark 4.1.1", () => {
  for (const c of cases) {
    test(c.name, async () => check(c, "straight", await runStraight(c)), 20_000);
    if (c.golden.error) continue;
    test(`${c.name} (restarted from the checkpoint after every batch${own(c, "restarted")})`,
      async () => check(c, "restarted", await runRestarted(c)), 20_000);
    test(`${c.name} (crashed in every batch before its commit, then restarted${own(c, "crashed")})`,
      async () => check(c, "crashed", await runCrashed(c)), 20_000);
  }
});
