// `sluice explain` and `sluice validate` import a pipeline without running it: while a dry run is
// on, DataStreamWriter.start() does every check it normally does, then records the query's plan
// here instead of creating the sink, the checkpoint or the query's loop. The query it hands back
// looks active to the pipeline; waiting on it (awaitTermination, processAllAvailable) tells the dry
// run that the pipeline has started what it was going to start.
import { randomUUID } from "node:crypto";
import { userError } from "../errors.ts";
import type { Plan } from "../plan/plan.ts";
import { explainText, type QueryPlan } from "../planner/mod.ts";
import type { OutputMode } from "../plugin/contract.ts";
import type { MicroBatchExecution } from "../scheduler/micro_batch_execution.ts";
import type { Trigger } from "../scheduler/trigger.ts";
import { StreamingQuery } from "./streaming_query.ts";

export interface PlannedQuery {
  readonly id: string;
  readonly name: string | null;
  readonly plan: Plan;
  /** The sink's format name (or foreachBatch / foreach). */
  readonly sink: string;
  readonly outputMode: OutputMode;
  readonly trigger: Trigger;
  /** The resolved checkpoint directory, if the query has one. Nothing is written there. */
  readonly checkpointLocation?: string;
  explain(extended: boolean): string;
}

export interface DryRun {
  /** Queries planned so far, in start() order. */
  readonly planned: PlannedQuery[];
  /** Resolves the first time the pipeline waits on a planned query. */
  readonly waitedOn: Promise<void>;
}

let current: (DryRun & { markWaited(): void; sessions: WeakMap<object, Set<string>> }) | undefined;

/** Turns the dry run on for this process; start() plans instead of starting until `endDryRun`. */
export function beginDryRun(): DryRun {
  const { promise, resolve } = Promise.withResolvers<void>();
  current = { planned: [], waitedOn: promise, markWaited: resolve, sessions: new WeakMap() };
  return current;
}

export function endDryRun(): void {
  current = undefined;
}

export function isDryRun(): boolean {
  return current !== undefined;
}

/**
 * Called by DataStreamWriter.start() after its checks: records the query and returns a handle that
 * stays active until stopped (nothing runs).
 */
export function planInsteadOfStart(
  session: object,
  q: { name: string | null; plan: Plan; plans: () => QueryPlan; sink: string; outputMode: OutputMode; trigger: Trigger; checkpointLocation?: string },
): StreamingQuery {
  const run = current;
  if (!run) throw new Error("planInsteadOfStart called outside a dry run");
  // The name check start() makes against active queries, made against the planned ones.
  const names = run.sessions.get(session) ?? new Set<string>();
  run.sessions.set(session, names);
  if (q.name !== null && names.has(q.name)) {
    throw userError("DUPLICATE_QUERY_NAME", `Cannot start query with name ${q.name} as a query with that name is already active in this SparkSession`, {
      hint: "Stop the other query first or give this one another queryName.",
    });
  }
  if (q.name !== null) names.add(q.name);

  const id = randomUUID();
  const { plans, ...planned } = q;
  run.planned.push({ ...planned, id, explain: (extended) => explainText(plans(), extended) });
  const query = new StreamingQuery(
    { id, runId: randomUUID(), name: q.name, plan: q.plan, maxRecentProgress: 0, plans },
    () => idleExecution,
    () => {},
  );
  const waitForever = () => {
    run.markWaited();
    return new Promise<never>(() => {});
  };
  Object.assign(query, {
    awaitTermination: waitForever,
    processAllAvailable: waitForever,
    stop: async () => {
      if (query.isActive) query.finish(null);
    },
  });
  return query;
}

const idleExecution = {
  status: { message: "Planned (dry run)", isDataAvailable: false, isTriggerActive: false },
  triggersStarted: 0,
  lastIdleTrigger: 0,
  requestStop() {},
} as unknown as MicroBatchExecution;
