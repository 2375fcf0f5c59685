// A stand-in for a StreamingQuery, for the admin API's tests: its state is set by hand.
import type { TrackedQuery } from "../api/query_tracker.ts";
import type { StreamingQueryStatus } from "../scheduler/progress.ts";

export interface FakeQuery extends TrackedQuery {
  status: StreamingQueryStatus;
  recentProgress: Record<string, unknown>[];
  stopRequested: boolean;
  stopCalls: number;
  /** When false, stop() only records the request (a query whose batch takes long to finish). */
  stopsAtOnce: boolean;
  finish(error?: Error): void;
}

let counter = 0;

export function fakeQuery(init: { name?: string | null; running?: boolean; id?: string } = {}): FakeQuery {
  const n = ++counter;
  let active = true;
  let error: Error | null = null;
  const { promise, resolve } = Promise.withResolvers<void>();
  const q: FakeQuery = {
    id: init.id ?? `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    runId: `11111111-0000-4000-8000-${String(n).padStart(12, "0")}`,
    name: init.name === undefined ? `q${n}` : init.name,
    get isActive() { return active; },
    exception: () => error,
    ended: promise,
    status: {
      message: init.running === false ? "Initializing StreamExecution" : "Waiting for data to arrive",
      isDataAvailable: false,
      isTriggerActive: false,
    },
    recentProgress: [],
    stopRequested: false,
    stopCalls: 0,
    stopsAtOnce: true,
    explainString: (extended = false) => `${extended ? "== Analyzed Logical Plan ==\nvalue: bigint\nStreamingRelation rate\n\n" : ""}== Physical Plan ==\nStreamingRelation rate\n`,
    async stop() {
      q.stopCalls++;
      q.stopRequested = true;
      if (q.stopsAtOnce) q.finish();
      return promise;
    },
    finish(e?: Error) {
      if (!active) return;
      active = false;
      error = e ?? null;
      q.status = { message: "Stopped", isDataAvailable: false, isTriggerActive: false };
      resolve();
    },
  };
  return q;
}

/** A progress record as Spark writes it (the fields the admin API reads). */
export function progressRecord(q: TrackedQuery, batchId: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: q.id,
    runId: q.runId,
    name: q.name,
    timestamp: `2024-01-01T00:00:${String(batchId).padStart(2, "0")}.000Z`,
    batchId,
    batchDuration: 250,
    numInputRows: 10,
    inputRowsPerSecond: 5,
    processedRowsPerSecond: 40,
    durationMs: { triggerExecution: 250 },
    stateOperators: [],
    sources: [{ description: "RateStreamV2[rowsPerSecond=5]", startOffset: batchId, endOffset: batchId + 1, latestOffset: batchId + 1, numInputRows: 10, metrics: {} }],
    sink: { description: "ConsoleSink", numOutputRows: 10, metrics: {} },
    observedMetrics: {},
    ...extra,
  };
}
