// `sluice explain` and `sluice validate` import a pipeline without running it: in a session that
// has a dry run (every session of the application the command launched), starting a query does
// every check it normally does, then records the query's plan here instead of creating the sink,
// the checkpoint or the query's loop. The query it hands back
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

/** One dry run: what the sessions that share it planned. */
export class DryRun {
  /** Queries planned so far, in start() order. */
  readonly planned: PlannedQuery[] = [];
  /** Resolves the first time the pipeline waits on a planned query. */
  readonly waitedOn: Promise<void>;
  readonly markWaited: () => void;
  /** Names planned per session: the name check start() makes against its active queries. */
  readonly names = new WeakMap<object, Set<string>>();

  constructor() {
    const { promise, resolve } = Promise.withResolvers<void>();
    this.waitedOn = promise;
    this.markWaited = resolve;
  }
}

/**
 * Called by startQuery after its checks in a session with a dry run: records the query and returns
 * a handle that stays active until stopped (nothing runs).
 */
export function planInsteadOfStart(
  run: DryRun,
  session: object,
  q: {
    name: string | null; plan: Plan; plans: () => QueryPlan; sink: string; outputMode: OutputMode; trigger: Trigger; checkpointLocation?: string;
    /** Where the handle's explain() prints (the session's stdout). */
    print?: (text: string) => void;
  },
): StreamingQuery {
  // The name check start() makes against active queries, made against the planned ones.
  const names = run.names.get(session) ?? new Set<string>();
  run.names.set(session, names);
  if (q.name !== null && names.has(q.name)) {
    throw userError("DUPLICATE_QUERY_NAME", `Cannot start query with name ${q.name} as a query with that name is already active in this SparkSession`, {
      hint: "Stop the other query first or give this one another queryName.",
    });
  }
  if (q.name !== null) names.add(q.name);

  const id = randomUUID();
  const { plans, print, ...planned } = q;
  run.planned.push({ ...planned, id, explain: (extended) => explainText(plans(), extended) });
  const query = new StreamingQuery(
    { id, runId: randomUUID(), name: q.name, plan: q.plan, maxRecentProgress: 0, plans, print },
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
