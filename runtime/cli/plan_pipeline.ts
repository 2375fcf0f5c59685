// What `sluice explain` and `sluice validate` share: import the pipeline in an application whose
// sessions have a dry run (queries are planned, not started) and collect the planned queries, or
// the error that stopped the pipeline.
import { importPipeline, setPipelineArgv } from "../pipeline/mod.ts";
import { DryRun, type PlannedQuery } from "../api/dry_run.ts";
import { SharedState } from "../api/shared_state.ts";
import { sourcesOf } from "../plan/plan.ts";
import { describeTrigger } from "../scheduler/trigger.ts";
import { registerEngineModules } from "./engine_modules.ts";
import { loadCommandLinePlugins } from "./load_plugins.ts";
import { existingFile } from "./run.ts";

export interface PlanOutcome {
  planned: PlannedQuery[];
  /** What the pipeline threw, if it failed. */
  error?: { value: unknown };
}

/** How often to look whether the pipeline is still starting queries. */
const settleCheckMs = 50;
/**
 * A pipeline that neither finishes loading nor waits on one of its queries (say it awaits
 * something else) is taken to have started what it starts once no new query came for this long.
 */
export const quietAfterLastStartMs = 1000;

/**
 * `registerEngine: false` leaves "sluice" to the usual resolution (package.json exports, deno.json)
 * instead of serving this engine under that name as `sluice run` does: for tests, whose process
 * goes on importing "sluice" afterwards.
 */
export async function planPipeline(
  args: { pipeline: string; plugins: string[]; conf: [string, string][]; pipelineArgs?: string[] },
  o: { registerEngine?: boolean } = {},
): Promise<PlanOutcome> {
  const pipeline = existingFile(args.pipeline);
  if (o.registerEngine !== false) await registerEngineModules();
  const { loaded: plugins } = await loadCommandLinePlugins(args.plugins);

  const run = new DryRun();
  // The pipeline's getOrCreate() and new sessions belong to this application while it is imported;
  // the process's previous active application comes back afterwards (tests go on in this process).
  const previous = SharedState.activate(new SharedState({ conf: args.conf, plugins, dryRun: run }));
  const restoreArgv = setPipelineArgv(pipeline, args.pipelineArgs);
  let error: { value: unknown } | undefined;
  const loaded = importPipeline(pipeline).then(() => {}, (value: unknown) => { error = { value }; });
  let timer: ReturnType<typeof setInterval> | undefined;
  const quiet = new Promise<void>((resolve) => {
    let seen = 0;
    let sinceMs = 0;
    timer = setInterval(() => {
      if (run.planned.length !== seen) {
        seen = run.planned.length;
        sinceMs = 0;
        return;
      }
      sinceMs += settleCheckMs;
      if (seen > 0 && sinceMs >= quietAfterLastStartMs) resolve();
    }, settleCheckMs);
  });
  try {
    await Promise.race([loaded, run.waitedOn, quiet]);
  } finally {
    clearInterval(timer);
    SharedState.activate(previous);
    restoreArgv();
  }
  return { planned: [...run.planned], error };
}

export interface CommandIo {
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

export const noQueryMessage = "error [NO_STREAMING_QUERY]: The pipeline started no streaming query.\n" +
  "hint: A query starts with df.writeStream…start() (or toTable()); check that the pipeline reaches it.\n";

/** "'name'" or "(unnamed)". */
export function queryTitle(q: PlannedQuery): string {
  return q.name === null ? "(unnamed)" : `'${q.name}'`;
}

/** "rate -> console (append, ProcessingTimeTrigger(0))" */
export function queryRoute(q: PlannedQuery): string {
  const sources = [...new Set(sourcesOf(q.plan).map((s) => s.source.format))];
  return `${sources.join(", ") || "(no source)"} -> ${q.sink} (${q.outputMode}, ${describeTrigger(q.trigger)})`;
}
