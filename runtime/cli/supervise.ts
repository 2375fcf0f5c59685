// The life of `sluice run` once the pipeline is found: load it, wait until every query it started
// has ended, stop them all on Ctrl-C / SIGTERM or as soon as one fails, and report what failed.
import {
  onQueriesChanged, startedQueries, stopAllQueries, whenAllQueriesEnded, type TrackedQuery,
} from "../api/query_tracker.ts";
import type { Signal } from "../platform/mod.ts";
import { formatError } from "./format_error.ts";

export interface SuperviseIo {
  onSignal(signal: Signal, handler: () => void): () => void;
  /** Leaves at once (second signal while stopping). */
  exit(code: number): never;
  writeStderr(text: string): void;
}

const exitCodeOnSecondSignal: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143 };

/** Runs `load` (the pipeline import) and returns the process exit code: 0 ok, 1 failed. */
export async function supervise(load: () => Promise<unknown>, io: SuperviseIo): Promise<number> {
  // Only the queries this pipeline starts count (matters when several runs share one process, as in tests).
  const firstQuery = startedQueries().length;
  const ours = () => startedQueries().slice(firstQuery);
  let stopRequested = false;
  const { promise: stopping, resolve: markStopping } = Promise.withResolvers<void>();
  const requestStop = () => {
    if (stopRequested) return;
    stopRequested = true;
    markStopping();
    void stopAllQueries();
  };

  let signals = 0;
  const onSignal = (signal: Signal) => () => {
    if (++signals > 1) io.exit(exitCodeOnSecondSignal[signal]);
    const n = ours().filter((q) => q.isActive).length;
    io.writeStderr(`\n${signal}: stopping ${n} running quer${n === 1 ? "y" : "ies"} (again to exit at once)\n`);
    requestStop();
  };
  const unsubscribe = [
    io.onSignal("SIGINT", onSignal("SIGINT")),
    io.onSignal("SIGTERM", onSignal("SIGTERM")),
    // One failed query stops the rest, so the process ends and reports instead of running on half-dead.
    onQueriesChanged(() => { if (ours().some((q) => q.exception() !== null)) requestStop(); }),
  ];

  try {
    let loadError: { error: unknown } | undefined;
    const loaded = load().then(
      () => {},
      (error: unknown) => { loadError = { error }; requestStop(); },
    );
    // A pipeline that awaits its queries at top level only finishes loading once they end, so a
    // stop request must not wait for the load.
    await Promise.race([loaded, stopping]);
    await whenAllQueriesEnded();
    // Queries that ended may still be rejecting the pipeline's awaitTermination(): let that land
    // so its error is reported once, not missed.
    await Promise.race([loaded, new Promise((r) => setTimeout(r, 0))]);

    const failures = ours().filter((q) => q.exception() !== null);
    let text = "";
    if (loadError && !failures.some((q) => sameError(q.exception(), loadError!.error))) {
      text += formatError(loadError.error);
    }
    for (const q of failures) text += formatError(q.exception()) + `  in query ${describe(q)}\n`;
    if (text) io.writeStderr(text);
    return loadError || failures.length ? 1 : 0;
  } finally {
    for (const off of unsubscribe) off();
  }
}

/** The same failure, possibly wrapped once (e.g. a StreamingQueryException around the cause). */
function sameError(a: unknown, b: unknown): boolean {
  const causeOf = (e: unknown) => (e instanceof Error ? e.cause : undefined);
  return a === b || causeOf(a) === b || causeOf(b) === a;
}

function describe(q: TrackedQuery): string {
  return q.name ? `'${q.name}' (id ${q.id})` : `id ${q.id}`;
}
