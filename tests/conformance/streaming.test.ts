// Stateful streaming conformance against PySpark 4.1.1: every case under streaming/cases runs in
// Sluice straight through, restarted from its checkpoint after every batch, and crashed in the
// middle of every batch; each must give Spark's batches (streaming/runner.ts, goldens from
// scripts/goldens/streaming.py). A case Spark refuses must fail with Spark's error class.
import { describe, test } from "bun:test";
import { differences, loadCases, runCrashed, runRestarted, runStraight, type Outcome, type StreamingCase, type Variant } from "./streaming/runner.ts";

/**
 * Cases that need something Sluice does not have yet (case name -> what). They run and fail like
 * any other case, with this reason in front of the differences; a listed case that passes fails
 * too, so that it is taken off the list.
 */
const EXPECTED_TO_FAIL_UNTIL_IMPLEMENTED: Record<string, string> = {};

const cases = await loadCases();

function check(c: StreamingCase, variant: Variant, got: Outcome): void {
  const diffs = differences(c, variant, got);
  const pending = EXPECTED_TO_FAIL_UNTIL_IMPLEMENTED[c.name];
  if (pending !== undefined) {
    if (diffs.length === 0) throw new Error(`${c.name} passes: take it off EXPECTED_TO_FAIL_UNTIL_IMPLEMENTED`);
    throw new Error(`EXPECTED-TO-FAIL-UNTIL-IMPLEMENTED (${pending}): ${c.name}\n${diffs.join("\n")}`);
  }
  if (diffs.length) throw new Error(`${c.name} (${variant}): ${c.spec.description}\n${diffs.join("\n")}`);
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
