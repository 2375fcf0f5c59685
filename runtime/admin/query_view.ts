// How the admin API shows a query: its state, what it reads and writes, and its latest progress,
// with Spark's field names wherever Spark has one.
import { queryInfo, queryTotals, restarterOf, type TrackedQuery } from "../api/query_tracker.ts";

/** Where a query is in its life. */
export type QueryState = "initializing" | "running" | "stopping" | "stopped" | "finished" | "failed";

/** The status message a query has until its first trigger starts (Spark's wording). */
const initializingMessage = "Initializing StreamExecution";

export function queryState(q: TrackedQuery): QueryState {
  if (!q.isActive) return q.exception() ? "failed" : q.stopRequested ? "stopped" : "finished";
  if (q.stopRequested) return "stopping";
  if (q.status?.message === initializingMessage) return "initializing";
  return "running";
}

export function describeQuery(q: TrackedQuery): string {
  return q.name ? `'${q.name}' (id ${q.id})` : `id ${q.id}`;
}

export interface ErrorView {
  code: string;
  message: string;
  hint: string | null;
  sqlState: string | null;
}

/** How many causes a stack shows ("Caused by: …"), so a cyclic cause chain ends. */
const maxCausesShown = 8;

/** An error as JSON: the code alone (no "[CODE]" prefix in the message) and the hint apart. */
export function errorView(e: Error): ErrorView {
  const x = e as Error & { code?: unknown; bareMessage?: unknown; hint?: unknown; sqlState?: unknown };
  const code = typeof x.code === "string" || typeof x.code === "number" ? String(x.code) : e.name || "Error";
  const bare = typeof x.bareMessage === "string" ? x.bareMessage : e.message;
  return {
    code,
    message: bare,
    hint: typeof x.hint === "string" && x.hint !== "" ? x.hint : null,
    sqlState: typeof x.sqlState === "string" ? x.sqlState : null,
  };
}

type Json = Record<string, unknown>;

export function recentProgressOf(q: TrackedQuery): Json[] {
  return q.recentProgress ?? [];
}

function lastProgressOf(q: TrackedQuery): Json | null {
  const all = recentProgressOf(q);
  return all[all.length - 1] ?? null;
}

/**
 * The error's stack trace followed by its causes' ("Caused by: …"), as a JVM prints a
 * StreamingQueryException; the message line when the runtime kept no stack.
 */
export function stackOf(e: Error): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = e;
  for (let depth = 0; current instanceof Error && !seen.has(current) && depth <= maxCausesShown; depth++) {
    seen.add(current);
    const text = current.stack ?? `${current.name}: ${current.message}`;
    lines.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current.cause;
  }
  return lines.join("\n");
}

/** The largest maxOffsetsBehindLatest any source reported (Kafka's lag); null when none did. */
export function maxOffsetsBehindLatest(p: Json | null): number | null {
  const lags = ((p?.sources as { metrics?: Record<string, string> }[] | undefined) ?? [])
    .map((s) => Number(s.metrics?.maxOffsetsBehindLatest))
    .filter((n) => Number.isFinite(n));
  return lags.length === 0 ? null : Math.max(...lags);
}

/** The headline figures of a progress record, under Spark's field names. */
export function progressSummary(p: Json | null): Json | null {
  if (!p) return null;
  const eventTime = (p.eventTime ?? {}) as Record<string, string>;
  const stateOperators = (p.stateOperators ?? []) as { numRowsTotal?: number }[];
  return {
    batchId: p.batchId,
    timestamp: p.timestamp,
    batchDuration: p.batchDuration,
    numInputRows: p.numInputRows,
    inputRowsPerSecond: p.inputRowsPerSecond ?? null,
    processedRowsPerSecond: p.processedRowsPerSecond ?? null,
    numRowsTotal: stateOperators.reduce((n, op) => n + (op.numRowsTotal ?? 0), 0),
    watermark: eventTime.watermark ?? null,
    maxOffsetsBehindLatest: maxOffsetsBehindLatest(p),
  };
}

/** Sources and sink: format names from start(), descriptions from the latest batch once there is one. */
function endpoints(q: TrackedQuery, last: Json | null) {
  const info = queryInfo(q);
  const sourceProgress = (last?.sources ?? []) as { description?: string }[];
  const count = Math.max(info?.sources.length ?? 0, sourceProgress.length);
  const sources = Array.from({ length: count }, (_, i) => ({
    format: info?.sources[i] ?? null,
    description: sourceProgress[i]?.description ?? null,
  }));
  const sinkProgress = last?.sink as { description?: string } | undefined;
  const sink = { format: info?.sink ?? null, description: sinkProgress?.description ?? null };
  return { sources, sink };
}

/** One entry of GET /api/v1/queries. */
export function querySummary(q: TrackedQuery): Json {
  const info = queryInfo(q);
  const last = lastProgressOf(q);
  const error = q.exception();
  return {
    id: q.id,
    runId: q.runId ?? null,
    name: q.name,
    status: queryState(q),
    isActive: q.isActive,
    startedAt: info?.startedAt ?? null,
    outputMode: info?.outputMode ?? null,
    trigger: info?.trigger ?? null,
    checkpointLocation: info?.checkpointLocation ?? null,
    restartable: restarterOf(q) !== undefined && (info?.checkpointLocation ?? null) !== null,
    ...endpoints(q, last),
    lastProgress: progressSummary(last),
    totals: queryTotals(q),
    exception: error ? errorView(error) : null,
    queryStatus: q.status ?? null,
  };
}

/** GET /api/v1/queries/:id: the summary with the error's stack and the full last progress. */
export function queryDetail(q: TrackedQuery): Json {
  const error = q.exception();
  return {
    ...querySummary(q),
    exception: error ? { ...errorView(error), stack: stackOf(error) } : null,
    lastProgress: lastProgressOf(q),
  };
}

export type Lookup = { query: TrackedQuery } | { ambiguous: TrackedQuery[] } | undefined;

/**
 * Finds a query by run id, id or name. An id or name that several runs share (a restarted query)
 * means the latest run; a name that two running queries share (two sessions) is ambiguous.
 */
export function findQuery(queries: readonly TrackedQuery[], key: string): Lookup {
  const byRun = queries.find((q) => q.runId === key);
  if (byRun) return { query: byRun };
  const byId = queries.findLast((q) => q.id === key);
  if (byId) return { query: byId };
  const named = queries.filter((q) => q.name !== null && q.name === key);
  const active = named.filter((q) => q.isActive);
  if (active.length > 1) return { ambiguous: active };
  const hit = active[0] ?? named[named.length - 1];
  return hit ? { query: hit } : undefined;
}
