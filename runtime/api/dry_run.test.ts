import { describe, expect, test } from "bun:test";
import { planQuery } from "../planner/mod.ts";
import { DryRun, planInsteadOfStart } from "./dry_run.ts";
import { SparkSession } from "./session.ts";
import { SharedState } from "./shared_state.ts";

const spark = new SparkSession(new SharedState());
const plan = spark.readStream.format("rate").load().plan;
const plans = () => planQuery(plan, { ...spark.planningContext(), outputMode: "append" });
const planned = (name: string | null) => ({ name, plan, plans, sink: "console", outputMode: "append" as const, trigger: { kind: "once" as const } });

describe("DryRun", () => {
  test("records planned queries in order; names are unique per session, as for running queries", () => {
    const run = new DryRun();
    const a = {};
    const b = {};
    planInsteadOfStart(run, a, planned("q"));
    planInsteadOfStart(run, b, planned("q"));
    planInsteadOfStart(run, a, planned(null));
    planInsteadOfStart(run, a, planned(null));
    expect(run.planned.map((p) => p.name)).toEqual(["q", "q", null, null]);
    expect(() => planInsteadOfStart(run, a, planned("q"))).toThrow(expect.objectContaining({ code: "DUPLICATE_QUERY_NAME" }));
    expect(run.planned[0]!.explain(false)).toContain("StreamingScan rate");
  });

  test("the handle stays active until stopped; waiting on it tells the dry run the pipeline has started its queries", async () => {
    const run = new DryRun();
    const q = planInsteadOfStart(run, {}, planned("w"));
    expect(q.isActive).toBe(true);
    let waited = false;
    void run.waitedOn.then(() => (waited = true));
    void q.awaitTermination();
    await Promise.resolve();
    expect(waited).toBe(true);
    await q.stop();
    expect(q.isActive).toBe(false);
  });
});
