// The life of `sluice run` once the pipeline is found: load it, wait until every query it started
// has ended, stop them all on Ctrl-C / SIGTERM or as soon as one fails, and report what failed.
// With --keep-running a failure stops nothing and the process waits for a signal even when every
// query has ended, so queries can be looked at and restarted over the admin API.
import type { QueryTracker, TrackedQuery } from "../api/query_tracker.ts";
import type { Signal } from "../platform/mod.ts";
import { pluginCallsInFlight, pluginSubject } from "../plugin/plugin_call.ts";
import { formatError } from "./format_error.ts";

export interface SuperviseIo {
  onSignal(signal: Signal, handler: () => void): () => void;
  /** Leaves at once (second signal while stopping). */
  exit(code: number): never;
  writeStderr(text: string): void;
}


const exitCodeOnSecondSignal: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143 };

/** The setting bounding how long queries may take to stop after Ctrl-C / SIGTERM, in ms (beyond Spark). */
export const GRACE_PERIOD_KEY = "sluice.shutdown.gracePeriodMs";
/** Below Kubernetes' default 30 s between SIGTERM and SIGKILL, so the message gets out. */
export const DEFAULT_GRACE_PERIOD_MS = 20_000;
/** Exit code when queries did not stop within the grace period: their last batch did not commit. */
export const EXIT_STUCK = 1;

export interface SuperviseOptions {
  /** Run until a signal: a failed query does not stop the others (--keep-running). */
  keepRunning?: boolean;
  /** How long queries may take to stop after the first signal before the process exits with EXIT_STUCK. */
  gracePeriodMs?: number;
  /** The user's files (the pipeline): errors that do not say where they are are looked for there. */
  files?: readonly string[];
}

/**
 * Runs `load` (the pipeline import) and returns the process exit code: 0 ok, 1 failed. `queries`
 * are the queries of the application the command launched: every session the pipeline creates.
 * `options.files` are the user's (the pipeline), where an error is looked for when it does not
 * say where it is.
 */
export async function supervise(
  load: () => Promise<unknown>,
  io: SuperviseIo,
  queries: QueryTracker,
  options: SuperviseOptions = {},
): Promise<number> {
  const keepRunning = options.keepRunning ?? false;
  const gracePeriodMs = options.gracePeriodMs ?? DEFAULT_GRACE_PERIOD_MS;
  const files = options.files ?? [];
  // While queries run, their work may all be promises (a plugin call in flight): keep the event
  // loop alive so the process can never end as if everything had finished.
  const keepAlive = setInterval(() => {}, 1 << 30);
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  // Only the queries this pipeline starts count (matters when several runs share one process, as in tests).
  const firstQuery = queries.started().length;
  const ours = () => queries.started().slice(firstQuery);
  // A restarted query is one query with several runs; how it is doing is how its latest run did.
  const failedQueries = () => latestRuns(ours()).filter((q) => q.exception() !== null);
  let stopRequested = false;
  const { promise: stopping, resolve: markStopping } = Promise.withResolvers<void>();
  const requestStop = () => {
    if (stopRequested) return;
    stopRequested = true;
    markStopping();
    void queries.stopAll();
  };

  let signals = 0;
  const onSignal = (signal: Signal) => () => {
    if (++signals > 1) io.exit(exitCodeOnSecondSignal[signal]);
    const n = ours().filter((q) => q.isActive).length;
    io.writeStderr(`\n${signal}: stopping ${n} running quer${n === 1 ? "y" : "ies"} (again to exit at once)\n`);
    requestStop();
    // A query stuck in a plugin call cannot finish its batch: do not wait for it forever.
    graceTimer = setTimeout(() => {
      const stuck = ours().filter((q) => q.isActive);
      if (stuck.length === 0) return;
      io.writeStderr(stuckMessage(signal, stuck, gracePeriodMs));
      io.exit(EXIT_STUCK);
    }, gracePeriodMs);
  };
  const announced = new Set<TrackedQuery>();
  const unsubscribe = [
    io.onSignal("SIGINT", onSignal("SIGINT")),
    io.onSignal("SIGTERM", onSignal("SIGTERM")),
    queries.onChanged(() => {
      // A query the pipeline starts after the stop request (Ctrl-C while it was still loading) is
      // stopped at once, or it would run until a second Ctrl-C.
      if (stopRequested) for (const q of ours()) if (q.isActive) void q.stop();
      const failed = failedQueries();
      if (failed.length === 0) return;
      // One failed query stops the rest, so the process ends and reports instead of running on half-dead.
      if (!keepRunning) return requestStop();
      for (const q of failed.filter((q) => !announced.has(q))) {
        announced.add(q);
        io.writeStderr(formatError(q.exception()) + `  in query ${describe(q)}; restart it over the admin API, or Ctrl-C to end\n`);
      }
    }),
  ];

  try {
    let loadError: { error: unknown } | undefined;
    const loaded = load().then(
      () => {},
      (error: unknown) => {
        loadError = { error };
        if (!keepRunning) requestStop();
        else if (!isQueryFailure(error)) io.writeStderr(formatError(error) + "  (the pipeline threw; its queries keep running)\n");
      },
    );
    if (keepRunning) {
      await stopping;
    } else {
      // A pipeline that awaits its queries at top level only finishes loading once they end, so a
      // stop request must not wait for the load.
      await Promise.race([loaded, stopping]);
    }
    await queries.whenAllEnded();
    // Queries that ended may still be rejecting the pipeline's awaitTermination(): let that land
    // so its error is reported once, not missed.
    await Promise.race([loaded, new Promise((r) => setTimeout(r, 0))]);

    const failures = failedQueries();
    // The pipeline's error is a query's when its awaitTermination() threw it; then the query's
    // latest run decides (a restart may have mended it).
    const pipelineFailed = loadError !== undefined && !isQueryFailure(loadError.error);
    let text = "";
    if (pipelineFailed) text += formatError(loadError!.error, { files });
    for (const q of failures) text += formatError(q.exception(), { files }) + `  in query ${describe(q)}\n`;
    if (text) io.writeStderr(text);
    return pipelineFailed || failures.length ? 1 : 0;
  } finally {
    for (const off of unsubscribe) off();
    clearInterval(keepAlive);
    clearTimeout(graceTimer);
  }

  function isQueryFailure(error: unknown): boolean {
    return ours().some((q) => sameError(q.exception(), error));
  }
}

/** The latest run of each query (runs of one query share its id), in start order. */
function latestRuns(runs: readonly TrackedQuery[]): TrackedQuery[] {
  return runs.filter((q, i) => !runs.slice(i + 1).some((later) => later.id === q.id));
}

function stuckMessage(signal: Signal, stuck: readonly TrackedQuery[], gracePeriodMs: number): string {
  const now = performance.now();
  const calls = pluginCallsInFlight().map((c) =>
    `  ${pluginSubject(c.plugin)} has not returned from ${c.method}() for ${Math.round((now - c.since) / 1000)} s\n`);
  return `error [QUERY_STOP_TIMEOUT]: ${stuck.length} quer${stuck.length === 1 ? "y" : "ies"} (${stuck.map(describe).join(", ")}) ` +
    `did not stop within ${gracePeriodMs} ms of ${signal} (${GRACE_PERIOD_KEY}); the batch in progress did not commit and ` +
    `will run again on restart.\n${calls.join("")}`;
}

/** The same failure, possibly wrapped once (e.g. a StreamingQueryException around the cause). */
function sameError(a: unknown, b: unknown): boolean {
  const causeOf = (e: unknown) => (e instanceof Error ? e.cause : undefined);
  return a === b || causeOf(a) === b || causeOf(b) === a;
}

function describe(q: TrackedQuery): string {
  return q.name ? `'${q.name}' (id ${q.id})` : `id ${q.id}`;
}
