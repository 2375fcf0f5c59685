// A set of started streaming queries, watched: each session's StreamingQueryManager keeps one (its
// own queries), and the SharedState of its application keeps one over every session's (the CLI
// waits on it, Ctrl-C stops it, the admin API lists it; Spark's SharedState keeps the same for its
// UI). The admin API and the CLI's progress display read queries through this file only.
import type { QueryDefinition } from "../engine/start_query.ts";
import type { StreamingQueryProgress, StreamingQueryStatus } from "../scheduler/progress.ts";
import type { Trigger } from "../scheduler/trigger.ts";

/** The part of a StreamingQuery a tracker needs. */
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
  explainString?(extended?: boolean): string;
  /** The query's worker threads (0: one thread) and each one's busy share since they started. */
  executorWorkers?(): { workers: number; utilisation: number[] };
  /** What the query was started from (with its checkpoint resolved): startQuery(definition) starts it again. */
  readonly definition?: QueryDefinition;
}

/** What the writer knew when it started a query: the admin API shows it. */
export interface QueryInfo {
  /** Format names of the sources, in plan order. */
  sources: string[];
  /** Format name of the sink (or foreachBatch / foreach). */
  sink: string;
  outputMode: string;
  /** The trigger (realTime: Spark 4.1's real-time mode; continuous: continuous processing). */
  trigger: Trigger;
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

// Facts about one query object, kept beside it (they go when the query goes); not a list of queries.
const infos = new WeakMap<TrackedQuery, QueryInfo>();
const totals = new WeakMap<TrackedQuery, QueryTotals>();
const restarters = new WeakMap<TrackedQuery, () => TrackedQuery>();

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

/** Adds one batch's figures to the query's totals. Trackers call it; it notifies nobody. */
export function noteQueryProgress(q: TrackedQuery, p: StreamingQueryProgress): void {
  const t = queryTotals(q);
  totals.set(q, {
    batches: t.batches + 1,
    inputRows: t.inputRows + p.numInputRows,
    outputRows: t.outputRows + p.sink.numOutputRows,
    rowsDroppedByWatermark: t.rowsDroppedByWatermark +
      p.stateOperators.reduce((n, op) => n + op.numRowsDroppedByWatermark, 0),
  });
}

export class QueryTracker {
  readonly #started: TrackedQuery[] = [];
  readonly #endedInOrder: TrackedQuery[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #progressListeners = new Set<(q: TrackedQuery, p: StreamingQueryProgress) => void>();

  /** `parent` sees every query tracked here too (a session's tracker → its application's). */
  constructor(private readonly parent?: QueryTracker) {}

  /**
   * Tracks a started query. `restart` starts it again from the same definition (a new run of the
   * same query); the admin API's restart calls it (restarterOf).
   */
  track(q: TrackedQuery, info?: QueryInfo, restart?: () => TrackedQuery): void {
    if (info) infos.set(q, info);
    if (restart) restarters.set(q, restart);
    this.#started.push(q);
    this.#changed();
    const ended = () => {
      this.#endedInOrder.push(q);
      this.#changed();
    };
    q.ended.then(ended, ended);
    this.parent?.track(q);
  }

  /** Called by the query's runner after each batch: adds to the totals and tells the listeners. */
  noteProgress(q: TrackedQuery, p: StreamingQueryProgress): void {
    noteQueryProgress(q, p);
    this.#progressMade(q, p);
  }

  /** Every query tracked here, in start order. */
  started(): readonly TrackedQuery[] {
    return this.#started;
  }

  active(): TrackedQuery[] {
    return this.#started.filter((q) => q.isActive);
  }

  /** The active queries and the last `maxEnded` that ended, in start order. */
  recent(maxEnded: number): TrackedQuery[] {
    const keep = new Set(this.#endedInOrder.slice(Math.max(0, this.#endedInOrder.length - maxEnded)));
    return this.#started.filter((q) => q.isActive || keep.has(q));
  }

  /** Resolves once no query here is active any more (including queries started meanwhile). */
  async whenAllEnded(): Promise<void> {
    for (;;) {
      const active = this.active();
      if (active.length === 0) return;
      await Promise.allSettled(active.map((q) => q.ended));
    }
  }

  /** Stops every active query gracefully. */
  async stopAll(): Promise<void> {
    await Promise.allSettled(this.active().map((q) => q.stop()));
  }

  /** Calls `fn` whenever a query here starts or ends. Returns an unsubscribe function. */
  onChanged(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Calls `fn` after every batch of every query here. Returns an unsubscribe function. */
  onProgress(fn: (q: TrackedQuery, p: StreamingQueryProgress) => void): () => void {
    this.#progressListeners.add(fn);
    return () => this.#progressListeners.delete(fn);
  }

  #changed(): void {
    for (const l of this.#listeners) l();
  }

  #progressMade(q: TrackedQuery, p: StreamingQueryProgress): void {
    for (const l of this.#progressListeners) l(q, p);
    if (this.parent) this.parent.#progressMade(q, p);
  }
}
