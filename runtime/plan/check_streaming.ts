// Spark's UnsupportedOperationChecker for streaming queries, run by start(): the output mode must
// fit the operators, with Spark's error classes and words.
import { userError } from "../errors.ts";
import type { OutputMode } from "../plugin/contract.ts";
import { children, type Plan } from "./plan.ts";

function collect(p: Plan, pred: (n: Plan) => boolean): Plan[] {
  return [...(pred(p) ? [p] : []), ...children(p).flatMap((c) => collect(c, pred))];
}

function unsupportedMode(mode: OutputMode, operation: string) {
  return userError("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION",
    `Invalid streaming output mode: ${mode}. This output mode is not supported for ${operation} on streaming DataFrames/DataSets.`,
    { sqlState: "42KDE" });
}

function legacy(message: string, hint?: string) {
  return userError("_LEGACY_ERROR_TEMP_3102", message, { hint });
}

export function checkStreamingPlan(plan: Plan, mode: OutputMode): void {
  if (!plan.streaming) {
    throw legacy("Queries without streaming sources cannot be executed with writeStream.start()",
      "Read the input with spark.readStream, or write a batch DataFrame with df.write.");
  }
  const aggregates = collect(plan, (n) => n.kind === "aggregate" && n.streaming) as Extract<Plan, { kind: "aggregate" }>[];
  for (const a of aggregates) {
    if (a.aggregates.some((f) => f.bufferSchema.startsWith("count_distinct") || f.bufferSchema.startsWith("sum_distinct"))) {
      throw legacy("Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.");
    }
  }
  if (mode === "complete" && aggregates.length === 0) throw unsupportedMode(mode, "no streaming aggregations");
  if (mode === "update" && aggregates.some((a) => a.session)) throw unsupportedMode(mode, "session window streaming aggregations");
  if (mode === "append" && aggregates.some((a) => a.eventTimeKey === undefined)) {
    throw unsupportedMode(mode, "streaming aggregations without watermark");
  }
  if (aggregates.length > 1 && mode !== "append") {
    throw legacy(`Multiple streaming aggregations are not supported with streaming DataFrames/Datasets in ${mode === "update" ? "Update" : "Complete"} output mode`);
  }
  for (const s of collect(plan, (n) => n.kind === "sort" && n.streaming) as Extract<Plan, { kind: "sort" }>[]) {
    if (!(mode === "complete" && collect(s.input, (n) => n.kind === "aggregate" && n.streaming).length > 0)) {
      throw legacy("Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode");
    }
  }
  for (const d of collect(plan, (n) => n.kind === "dedup" && n.streaming) as Extract<Plan, { kind: "dedup" }>[]) {
    if (d.withinWatermark && d.eventTime === undefined) {
      throw legacy("dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark",
        'Declare the event time first: df.withWatermark("eventTime", "10 minutes").dropDuplicatesWithinWatermark([...]).');
    }
  }
  if (mode === "update" && collect(plan, (n) => n.kind === "limit").length > 0) {
    throw legacy("Limits are not supported on streaming DataFrames/Datasets in Update output mode");
  }
}
