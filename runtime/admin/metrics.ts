// GET /metrics: Prometheus text exposition (format 0.0.4). Gauges come from each query's latest
// batch; counters from the totals the tracker keeps over every batch.
import { queryTotals, type TrackedQuery } from "../api/query_tracker.ts";
import { maxOffsetsBehindLatest, progressSummary, recentProgressOf } from "./query_view.ts";

export const prometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

interface Family {
  name: string;
  type: "gauge" | "counter";
  help: string;
  /** The sample for one query, or undefined when the query has no value yet. */
  value(q: TrackedQuery, last: Record<string, unknown> | null): number | undefined;
}

const num = (v: unknown) => (typeof v === "number" ? v : undefined);

const families: readonly Family[] = [
  {
    name: "sluice_query_active", type: "gauge", help: "1 while the query runs, 0 once it has ended.",
    value: (q) => (q.isActive ? 1 : 0),
  },
  {
    name: "sluice_query_input_rows_per_second", type: "gauge",
    help: "Rate at which rows arrived, in the latest batch (Spark's inputRowsPerSecond).",
    value: (_q, p) => num(p?.inputRowsPerSecond),
  },
  {
    name: "sluice_query_processed_rows_per_second", type: "gauge",
    help: "Rate at which rows were processed, in the latest batch (Spark's processedRowsPerSecond).",
    value: (_q, p) => num(p?.processedRowsPerSecond),
  },
  {
    name: "sluice_query_batch_duration_seconds", type: "gauge", help: "Duration of the latest batch.",
    value: (_q, p) => (num(p?.batchDuration) === undefined ? undefined : (p!.batchDuration as number) / 1000),
  },
  {
    name: "sluice_query_state_rows", type: "gauge", help: "Rows held in state by the query's stateful operators.",
    value: (_q, p) => (p && (p.stateOperators as unknown[]).length > 0 ? num(progressSummary(p)!.numRowsTotal) : undefined),
  },
  {
    name: "sluice_query_watermark_lag_seconds", type: "gauge",
    help: "How far the event-time watermark trails the time of the latest batch.",
    value: (_q, p) => watermarkLagSeconds(p),
  },
  {
    name: "sluice_query_source_max_offsets_behind_latest", type: "gauge",
    help: "Largest lag of any source partition behind its latest offset (Kafka's maxOffsetsBehindLatest), in the latest batch.",
    value: (_q, p) => maxOffsetsBehindLatest(p) ?? undefined,
  },
  {
    name: "sluice_query_executor_workers", type: "gauge",
    help: "Worker threads the query's large batches run on (sluice.executor.workers); 0 when it runs on one thread.",
    value: (q) => (q.executorWorkers === undefined ? undefined : q.isActive ? q.executorWorkers().workers : 0),
  },
  {
    name: "sluice_query_executor_worker_utilisation", type: "gauge",
    help: "Mean share (0..1) of the time since the query's worker threads started that they spent running input splits.",
    value: (q) => {
      const u = q.isActive ? q.executorWorkers?.().utilisation : undefined;
      return u === undefined || u.length === 0 ? undefined : u.reduce((a, b) => a + b, 0) / u.length;
    },
  },
  {
    name: "sluice_query_late_rows_dropped_total", type: "counter",
    help: "Input rows dropped because they were older than the watermark (Spark's numRowsDroppedByWatermark).",
    value: (q) => queryTotals(q).rowsDroppedByWatermark,
  },
  {
    name: "sluice_query_input_rows_total", type: "counter", help: "Input rows read by the query.",
    value: (q) => queryTotals(q).inputRows,
  },
  {
    name: "sluice_query_batches_total", type: "counter", help: "Micro-batches the query has completed.",
    value: (q) => queryTotals(q).batches,
  },
];

function watermarkLagSeconds(p: Record<string, unknown> | null): number | undefined {
  const watermark = (p?.eventTime as Record<string, string> | undefined)?.watermark;
  // Spark reports the epoch until a watermark is set: no lag to report yet (as Spark's own page).
  if (watermark === undefined || !(Date.parse(watermark) > 0) || typeof p?.timestamp !== "string") return undefined;
  const lagMs = Date.parse(p.timestamp) - Date.parse(watermark);
  return Number.isFinite(lagMs) ? lagMs / 1000 : undefined;
}

export interface BuildInfo {
  version: string;
  runtime: string;
  runtimeVersion: string;
}

/** The whole /metrics page for these queries: one series per query id, from its latest run. */
export function prometheusText(all: readonly TrackedQuery[], build: BuildInfo): string {
  const queries = all.filter((q, i) => !all.slice(i + 1).some((later) => later.id === q.id));
  const out: string[] = [
    "# HELP sluice_build_info The running sluice and the runtime under it.",
    "# TYPE sluice_build_info gauge",
    `sluice_build_info${labels({ version: build.version, runtime: build.runtime, runtime_version: build.runtimeVersion })} 1`,
  ];
  const latest = queries.map((q) => {
    const all = recentProgressOf(q);
    return all[all.length - 1] ?? null;
  });
  for (const f of families) {
    out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    queries.forEach((q, i) => {
      const v = f.value(q, latest[i]!);
      if (v !== undefined) out.push(`${f.name}${labels({ query_id: q.id, query_name: q.name ?? "" })} ${formatValue(v)}`);
    });
  }
  return out.join("\n") + "\n";
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
}

/** Label values escape backslash, double quote and newline. */
export function escapeLabel(v: string): string {
  return v.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}
