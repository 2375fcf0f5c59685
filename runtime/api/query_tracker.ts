// Every streaming query started in this process, across sessions: the CLI waits on these, and
// Ctrl-C stops them. Kept apart from the session so the CLI needs no engine internals. The admin
// API and the CLI's progress display read queries through this file only (read-only accessors).
import type { StreamingQueryProgress, StreamingQueryStatus } from "../scheduler/progress.ts";

/** The part of a StreamingQuery the process-wide tracker needs. */
export interface TrackedQuery {
  readonly id: string;
  readonly name: string | null;
  readonly isActive: boolean;
  /** The error that ended the query, if it failed. */
  exception(): Error | null;
  stop(): Promise<void>;
  /** Resolves when the query has ended (stopped, finished or failed). */
  readonly ended: Promise<void>;
  // What a StreamingQuery also offers; optional so that stand-ins (tests) need not provide them.
  readonly runId?: string;
  readonly status?: StreamingQueryStatus;
  /** Progress of the most recent batches, oldest first, with Spark's JSON field names. */
  readonly recentProgress?: Record<string, unknown>[];
  /** True once stop() was called. */
  readonly stopRequested?: boolean;
  /** The plan as StreamingQuery.explain prints it. */
  explain?(extended?: boolean): string;
}

/** What the writer knew when it started a query: the admin API shows it. */
export interface QueryInfo {
  /** Format names of the sources, in plan order. */
  sources: string[];
  /** Format name of the sink (or foreachBatch / foreach). */
  sink: string;
  outputMode: string;
  trigger: { kind: "processingTime"; intervalMs: number } | { kind: "once" } | { kind: "availableNow" };
  /** ISO-8601 time of start(). */
  startedAt: string;
  /** The checkpoint directory; a query without one cannot resume where it stopped. */
  checkpointLocation?: string | null;
}

/** Counts over every batch the query ran in this process (progress keeps only the recent ones). */
export interface QueryTotals {
  batches: number;
  inputRows: number;
  outputRows: number;
  rowsDroppedByWatermark: number;
}

const started: TrackedQuery[] = [];
const endedInOrder: TrackedQuery[] = [];
const listeners = new Set<() => void>();
const progressListeners = new Set<(q: TrackedQuery, p: StreamingQueryProgress) => void>();
const infos = new WeakMap<TrackedQuery, QueryInfo>();
const totals = new WeakMap<TrackedQuery, QueryTotals>();
const restarters = new WeakMap<TrackedQuery, () => TrackedQuery>();

/**
 * Tracks a started query. `restart` starts it again from the same definition (a new run of the
 * same query); the admin API's restart calls it.
 */
export function trackQuery(q: TrackedQuery, info?: QueryInfo, restart?: () => TrackedQuery): void {
  started.push(q);
  if (info) infos.set(q, info);
  if (restart) restarters.set(q, restart);
  for (const l of listeners) l();
  const ended = () => {
    endedInOrder.push(q);
    for (const l of listeners) l();
  };
  q.ended.then(ended, ended);
}

/** All queries started in this process, in start order. */
export function startedQueries(): readonly TrackedQuery[] {
  return started;
}

export function activeQueries(): TrackedQuery[] {
  return started.filter((q) => q.isActive);
}

/** The active queries and the last `maxEnded` that ended, in start order. */
export function recentQueries(maxEnded: number): TrackedQuery[] {
  const keep = new Set(endedInOrder.slice(Math.max(0, endedInOrder.length - maxEnded)));
  return started.filter((q) => q.isActive || keep.has(q));
}

/** What the writer recorded at start(), if the query was started by one. */
export function queryInfo(q: TrackedQuery): QueryInfo | undefined {
  return infos.get(q);
}

/** How to start the query again from its definition, if the code that started it said. */
export function restarterOf(q: TrackedQuery): (() => TrackedQuery) | undefined {
  return restarters.get(q);
}

/** Totals over every batch the query reported so far. */
export function queryTotals(q: TrackedQuery): QueryTotals {
  return totals.get(q) ?? { batches: 0, inputRows: 0, outputRows: 0, rowsDroppedByWatermark: 0 };
}

/** Called by the query's runner after each batch, with the batch's progress. */
export function noteQueryProgress(q: TrackedQuery, p: StreamingQueryProgress): void {
  const t = queryTotals(q);
  totals.set(q, {
    batches: t.batches + 1,
    inputRows: t.inputRows + p.numInputRows,
    outputRows: t.outputRows + p.sink.numOutputRows,
    rowsDroppedByWatermark: t.rowsDroppedByWatermark +
      p.stateOperators.reduce((n, op) => n + op.numRowsDroppedByWatermark, 0),
  });
  for (const l of progressListeners) l(q, p);
}

/** Resolves once no started query is active any more (including queries started meanwhile). */
export async function whenAllQueriesEnded(): Promise<void> {
  for (;;) {
    const active = activeQueries();
    if (active.length === 0) return;
    await Promise.allSettled(active.map((q) => q.ended));
  }
}

/** Stops every active query gracefully. */
export async function stopAllQueries(): Promise<void> {
  await Promise.allSettled(activeQueries().map((q) => q.stop()));
}

/** Calls `fn` whenever a query starts or ends. Returns an unsubscribe function. */
export function onQueriesChanged(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Calls `fn` after every batch of every query in the process. Returns an unsubscribe function. */
export function onQueryProgress(fn: (q: TrackedQuery, p: StreamingQueryProgress) => void): () => void {
  progressListeners.add(fn);
  return () => progressListeners.delete(fn);
}
