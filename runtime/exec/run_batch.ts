// Runs a batch (non-streaming) plan to completion: reads each source once, start to latest
// offset, and pushes the rows through the compiled plan.
import { userError } from "../errors.ts";
import type { Row, SourceReader } from "../plugin/contract.ts";
import { sourcesOf, type Plan } from "../plan/plan.ts";
import type { SourceFactory } from "../scheduler/source_factory.ts";
import { batchQueryContext } from "./batch_context.ts";
import { planQuery, type OptimizerContext, type PlanningContext } from "../planner/mod.ts";
import { buildExecutable } from "./executable.ts";

const isPromise = (x: unknown): x is Promise<unknown> => typeof (x as { then?: unknown })?.then === "function";

function syncOnly<T>(x: T | Promise<T>, what: string): T {
  if (isPromise(x)) {
    x.catch(() => {});
    throw userError("ASYNC_SOURCE_IN_SYNC_ACTION", `The ${what} of this source is asynchronous, so this action cannot return its result directly.`, {
      hint: "Use the async form of the action: await df.collectAsync(), df.showAsync(), df.countAsync().",
    });
  }
  return x;
}

/** What a batch action needs: its session's sources, clock and planning settings. */
export interface BatchEnv {
  readonly sources: SourceFactory;
  nowMs(): number;
  readonly planning: PlanningContext & OptimizerContext;
}

/** Runs `plan` synchronously; fails with a hint to use the async action if a source is asynchronous. */
export function runBatchSync(analyzed: Plan, env: BatchEnv): Row[] {
  const { physical, optimized } = planQuery(analyzed, env.planning);
  const sources = env.sources;
  const inputs = new Map<number, Row[]>();
  for (const s of sourcesOf(optimized)) {
    const reader = syncOnly(sources.create(s, false), "creation") as SourceReader;
    try {
      const end = syncOnly(reader.latestOffset(null, {}), "offset lookup");
      inputs.set(s.sourceId, end === null ? [] : syncOnly(reader.getBatch(null, end), "read"));
    } finally {
      const stopped = reader.stop?.();
      if (isPromise(stopped)) stopped.catch(() => {});
    }
  }
  // current_timestamp() is the moment the sources were read, as the batch time of a streaming batch.
  return buildExecutable(physical).runSync(batchQueryContext(env.nowMs()), inputs);
}

export async function runBatchAsync(analyzed: Plan, env: BatchEnv): Promise<Row[]> {
  const { physical, optimized } = planQuery(analyzed, env.planning);
  const sources = env.sources;
  const inputs = new Map<number, Row[]>();
  for (const s of sourcesOf(optimized)) {
    const reader = await sources.create(s, false);
    try {
      const end = await reader.latestOffset(null, {});
      inputs.set(s.sourceId, end === null ? [] : await reader.getBatch(null, end));
    } finally {
      await reader.stop?.();
    }
  }
  // current_timestamp() is the moment the sources were read, as the batch time of a streaming batch.
  return buildExecutable(physical).runSync(batchQueryContext(env.nowMs()), inputs);
}
