// spark.streams: the session's queries and its StreamingQueryListeners. Each session has its own;
// its tracker also feeds the application's (SharedState.queries), which the CLI and admin API read.
import { userError } from "../errors.ts";
import { timeoutSeconds } from "./arguments.ts";
import { progressToJSON, type StreamingQueryProgress } from "../scheduler/progress.ts";
import { type QueryInfo, QueryTracker } from "./query_tracker.ts";
import type { SparkSession } from "./session.ts";
import type { StreamingQuery } from "./streaming_query.ts";

/** Spark's StreamingQueryListener; every method is optional. */
export interface StreamingQueryListener {
  onQueryStarted?(event: { id: string; runId: string; name: string | null; timestamp: string }): void;
  onQueryProgress?(event: { progress: Record<string, unknown> }): void;
  onQueryIdle?(event: { id: string; runId: string; timestamp: string }): void;
  onQueryTerminated?(event: { id: string; runId: string; exception: string | null; errorClassOnException: string | null }): void;
}

export class StreamingQueryManager {
  private readonly queries = new Map<string, StreamingQuery>();
  private readonly listeners: StreamingQueryListener[] = [];
  private terminated: StreamingQuery[] = [];
  private readonly terminationWaiters = new Set<() => void>();
  /** Every query this session started, with what its writer knew and its totals. */
  readonly tracker: QueryTracker;

  constructor(readonly session: SparkSession) {
    this.tracker = new QueryTracker(session.sharedState.queries);
  }

  get active(): StreamingQuery[] {
    return [...this.queries.values()].filter((q) => q.isActive);
  }

  /** The active query with this id (or run id), as Spark's streams.get; null if none is active. */
  get(id: string): StreamingQuery | null {
    return this.active.find((q) => q.id === id || q.runId === id) ?? null;
  }

  addListener(listener: StreamingQueryListener): void {
    this.listeners.push(listener);
  }
  removeListener(listener: StreamingQueryListener): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  /**
   * Waits until any query of this session has ended since the last resetTerminated(), as
   * PySpark's awaitAnyTermination(timeout=None): `timeout` in seconds (a number, or
   * `{ timeout: seconds }`). With a timeout, resolves to whether one did. Rejects with the error
   * of a query that failed.
   */
  async awaitAnyTermination(timeout?: number | { timeout?: number } | null): Promise<boolean> {
    const seconds = timeoutSeconds("awaitAnyTermination", timeout, true);
    const timeoutMs = seconds === undefined ? undefined : Math.floor(seconds * 1000);
    const check = () => this.terminated.length > 0;
    if (!check()) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.terminationWaiters.add(resolve);
        if (timeoutMs !== undefined) timer = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(timer);
      if (!check()) return false;
    }
    const failed = this.terminated.find((q) => q.exception());
    if (failed) throw failed.exception();
    return true;
  }

  /** Forgets ended queries so awaitAnyTermination() waits for a new one. */
  resetTerminated(): void {
    this.terminated = [];
  }

  // ---- called by DataStreamWriter and queries ----
  checkNameFree(name: string | null, id: string): void {
    if (name !== null && this.active.some((q) => q.name === name)) {
      throw userError("DUPLICATE_QUERY_NAME", `Cannot start query with name ${name} as a query with that name is already active in this SparkSession`, {
        hint: "Stop the other query first or give this one another queryName.",
      });
    }
    // Spark checks the application's active queries (SharedState.activeStreamingQueries): one
    // checkpoint runs once, whichever session started it.
    if (this.session.sharedState.queries.active().some((q) => q.id === id)) {
      throw userError("CONCURRENT_QUERY", `Cannot start query with id ${id} as another query with same id is already active. Perhaps you are attempting to restart a query from checkpoint that is already active.`, {
        sqlState: "0A000", hint: "Stop the running query before restarting it from the same checkpoint.",
      });
    }
  }
  /** `restart` starts the query again from its definition (the admin API's restart). */
  register(q: StreamingQuery, timestamp: string, info: QueryInfo, restart: () => StreamingQuery): void {
    this.queries.set(q.id, q);
    this.tracker.track(q, info, restart);
    for (const l of this.listeners) l.onQueryStarted?.({ id: q.id, runId: q.runId, name: q.name, timestamp });
  }
  progressMade(q: StreamingQuery, p: StreamingQueryProgress): void {
    this.tracker.noteProgress(q, p);
    const json = progressToJSON(p);
    for (const l of this.listeners) l.onQueryProgress?.({ progress: json });
  }
  ended(q: StreamingQuery): void {
    this.terminated.push(q);
    const e = q.exception();
    for (const l of this.listeners) {
      l.onQueryTerminated?.({ id: q.id, runId: q.runId, exception: e ? e.message : null, errorClassOnException: e ? ((e as { code?: string }).code ?? null) : null });
    }
    for (const w of this.terminationWaiters) w();
    this.terminationWaiters.clear();
  }
}
