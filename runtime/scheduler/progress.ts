// StreamingQueryProgress and StreamingQueryStatus with Spark's JSON field names and order.
import { parseExact, stringifyExact } from "../json/exact_json.ts";

export interface SourceProgress {
  description: string;
  startOffset: unknown;
  endOffset: unknown;
  latestOffset: unknown;
  numInputRows: number;
  inputRowsPerSecond: number;
  processedRowsPerSecond: number;
  metrics: Record<string, string>;
}

export interface StateOperatorProgress {
  operatorName: string;
  numRowsTotal: number;
  numRowsUpdated: number;
  allUpdatesTimeMs: number;
  numRowsRemoved: number;
  allRemovalsTimeMs: number;
  commitTimeMs: number;
  memoryUsedBytes: number;
  numRowsDroppedByWatermark: number;
  numShufflePartitions: number;
  numStateStoreInstances: number;
  customMetrics: Record<string, number>;
}

export interface StreamingQueryProgress {
  id: string;
  runId: string;
  name: string | null;
  timestamp: string;
  batchId: number;
  batchDuration: number;
  numInputRows: number;
  inputRowsPerSecond: number;
  processedRowsPerSecond: number;
  durationMs: Record<string, number>;
  eventTime: Record<string, string>;
  stateOperators: StateOperatorProgress[];
  sources: SourceProgress[];
  sink: { description: string; numOutputRows: number; metrics: Record<string, string> };
  observedMetrics: Record<string, unknown>;
}

export interface StreamingQueryStatus {
  message: string;
  isDataAvailable: boolean;
  isTriggerActive: boolean;
}

/** Spark leaves NaN and infinite rates out of the JSON. */
function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The progress as Spark's `json`/`prettyJson` would render it (NaN rates omitted). Offsets beyond
 * 2^53 stay exact bigints (write it out with json/exact_json.ts stringifyExact).
 */
export function progressToJSON(p: StreamingQueryProgress): Record<string, unknown> {
  const src = p.sources.map((s) => ({
    ...s,
    inputRowsPerSecond: finite(s.inputRowsPerSecond),
    processedRowsPerSecond: finite(s.processedRowsPerSecond),
  }));
  return parseExact(stringifyExact({
    ...p,
    inputRowsPerSecond: finite(p.inputRowsPerSecond),
    processedRowsPerSecond: finite(p.processedRowsPerSecond),
    eventTime: Object.keys(p.eventTime).length ? p.eventTime : undefined,
    sources: src,
  })) as Record<string, unknown>;
}

/** ISO-8601 UTC with milliseconds, as Spark formats progress timestamps. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
