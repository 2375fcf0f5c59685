// What start() checks for the low-latency triggers, with Spark's error classes and words:
// real-time mode (trigger({ realTime })) as Spark 4.1's MicroBatchExecution and
// RealTimeModeAllowlist check it (update output mode, the minimum batch duration, sources that
// support it, the sink and operator allowlists; streaming deduplication as Spark 4.3 allows it), and
// continuous processing (trigger({ continuous })) as UnsupportedOperationChecker.checkForContinuous
// and DataStreamWriter check it.
import { SluiceError, userError } from "../errors.ts";
import type { Logger, OutputMode } from "../plugin/contract.ts";
import { children, type Plan } from "../plan/plan.ts";
import type { PhysicalPlan } from "../planner/physical_plan.ts";
import type { Trigger } from "../scheduler/trigger.ts";

/** Spark's default of spark.sql.streaming.realTimeMode.minBatchDuration, in ms. */
export const DEFAULT_MIN_BATCH_DURATION_MS = 5000;

export interface LowLatencyQuery {
  trigger: Trigger;
  mode: OutputMode;
  /** The analyzed logical plan. */
  plan: Plan;
  /** Its physical plan (the operators that would run). */
  physical: () => PhysicalPlan;
  /** Whether a source format's readers can read in real time (SourceDefinition.realTime). */
  sourceSupports: (format: string) => boolean;
  /** The sink: a format (with SinkDefinition.realTime) or user code. */
  sink: { kind: "format"; format: string; realTime: boolean } | { kind: "foreach" } | { kind: "foreachBatch" };
  conf: (key: string) => string | undefined;
  log: Logger;
}

const STREAMING_REAL_TIME_MODE = "Streaming real-time mode has the following limitation:";

function realTimeError(sub: string, message: string, hint?: string): SluiceError {
  return userError(`STREAMING_REAL_TIME_MODE.${sub}`, `${STREAMING_REAL_TIME_MODE} ${message}`, { sqlState: "0A000", hint });
}

/** Throws (or, with the allowlist check off, warns) when the query cannot run with its low-latency trigger. */
export function checkLowLatencyQuery(q: LowLatencyQuery): void {
  if (q.trigger.kind === "realTime") checkRealTime(q, q.trigger.batchDurationMs);
  else if (q.trigger.kind === "continuous") checkContinuous(q);
}

function checkRealTime(q: LowLatencyQuery, batchDurationMs: number): void {
  const minText = q.conf("spark.sql.streaming.realTimeMode.minBatchDuration");
  const min = minText === undefined ? DEFAULT_MIN_BATCH_DURATION_MS : Number(minText);
  if (batchDurationMs < min) {
    throw userError(
      "INVALID_STREAMING_REAL_TIME_MODE_TRIGGER_INTERVAL",
      `The real-time trigger interval is set to ${batchDurationMs} ms. This is less than the ${min} ms minimum specified by spark.sql.streaming.realTimeMode.minBatchDuration.`,
      { sqlState: "22023", hint: `Use trigger({ realTime: "${Math.ceil(min / 1000)} seconds" }) or longer; the duration is how often progress is checkpointed, not the latency.` },
    );
  }
  if (q.mode !== "update") {
    const m = q.mode === "append" ? "Append" : "Complete";
    throw realTimeError("OUTPUT_MODE_NOT_SUPPORTED", `The output mode ${m} is not supported. To work around this limitation, set the output mode to Update. In the future, ${m} may be supported.`,
      'Add .outputMode("update") to the writer.');
  }
  for (const node of streamingSources(q.plan)) {
    if (!q.sourceSupports(node.source.format)) {
      throw realTimeError("INPUT_STREAM_NOT_SUPPORTED", `The input stream ${node.source.format} is not supported in Real-time Mode.`,
        "Real-time mode reads from sources that can hand records over as they arrive: kafka.");
    }
  }
  const enforce = (q.conf("spark.sql.streaming.realTimeMode.allowlistCheck") ?? "true").toLowerCase() !== "false";
  if (q.sink.kind === "foreachBatch") {
    throw realTimeError("SINK_NOT_SUPPORTED", "The ForeachBatchSink sink is currently not supported. See the Real-Time Mode User Guide for a list of supported sinks.",
      "foreachBatch hands over whole batches; in real-time mode use foreach, kafka, console or memory.");
  }
  if (q.sink.kind === "format" && !q.sink.realTime) notInAllowlist(q, enforce, "sink", [q.sink.format]);
  const violations = new Set<string>();
  collectOperators(q.physical(), violations);
  if (violations.size > 0) notInAllowlist(q, enforce, "operator", [...violations]);
}

/** Spark's notInRTMAllowlistException (or its warning when spark.sql.streaming.realTimeMode.allowlistCheck is false). */
function notInAllowlist(q: LowLatencyQuery, enforce: boolean, errorType: "sink" | "operator", names: string[]): void {
  const sorted = [...names].sort();
  const list = `${sorted.join(", ")} ${sorted.length > 1 ? "are" : "is"}`;
  if (!enforce) {
    q.log.warn(`The ${errorType}: ${list} not in the ${errorType} allowlist for Real-Time Mode.`);
    return;
  }
  throw realTimeError(
    "OPERATOR_OR_SINK_NOT_IN_ALLOWLIST",
    `The ${errorType}(s): ${list} not in the ${errorType} allowlist for Real-Time Mode. To bypass this check, set spark.sql.streaming.realTimeMode.allowlistCheck to false. By changing this, you agree to run the query at your own risk.`,
    errorType === "sink"
      ? "Real-time mode writes to kafka, console, memory or foreach."
      : "Real-time mode runs projections, filters, explode, watermarks and dropDuplicates; run other operators with the default trigger.",
  );
}

/** Spark's class names for the physical operators, as the allowlist names them. */
const EXEC_NAMES: Record<string, string> = {
  hashAggregate: "org.apache.spark.sql.execution.aggregate.HashAggregateExec",
  stateStoreSave: "org.apache.spark.sql.execution.streaming.operators.stateful.StateStoreSaveExec",
  sessionWindowStateStoreSave: "org.apache.spark.sql.execution.streaming.operators.stateful.SessionWindowStateStoreSaveExec",
  streamingGlobalLimit: "org.apache.spark.sql.execution.streaming.operators.stateful.StreamingGlobalLimitExec",
  globalLimit: "org.apache.spark.sql.execution.GlobalLimitExec",
  sort: "org.apache.spark.sql.execution.SortExec",
  union: "org.apache.spark.sql.execution.UnionExec",
  join: "org.apache.spark.sql.execution.joins.BroadcastHashJoinExec",
  window: "org.apache.spark.sql.execution.window.WindowExec",
  deduplicate: "org.apache.spark.sql.execution.aggregate.HashAggregateExec",
};

/**
 * The operators above a streaming scan that real-time mode does not run. Allowed: Spark 4.1's
 * stateless list that Sluice streams record by record (projections, filters, generators,
 * watermarks) and Spark 4.3's streaming deduplication with its hash shuffle. Unions and
 * stream-static joins, which Spark allows, are refused too: Sluice's operators for them gather
 * their inputs before producing output, so records would not flow through.
 */
function collectOperators(p: PhysicalPlan, out: Set<string>): boolean {
  if (p.kind === "scan") return p.node.streaming;
  const kids = physicalInputs(p);
  const below = kids.map((k) => collectOperators(k, out)).some(Boolean);
  if (!below) return false;
  switch (p.kind) {
    case "project":
    case "filter":
    case "generate":
    case "eventTimeWatermark":
    case "pipeline":
    case "streamingDeduplicate":
      break;
    case "exchange":
      if (p.partitioning.kind !== "hash") out.add("org.apache.spark.sql.execution.exchange.ShuffleExchangeExec");
      break;
    case "streamingSymmetricHashJoin":
      out.add("org.apache.spark.sql.execution.streaming.operators.stateful.join.StreamingSymmetricHashJoinExec");
      break;
    case "join": {
      const streams = [p.left, p.right].filter(hasStreamingScan).length;
      out.add(streams === 2 ? "org.apache.spark.sql.execution.streaming.operators.stateful.join.StreamingSymmetricHashJoinExec" : EXEC_NAMES.join!);
      break;
    }
    default:
      out.add(EXEC_NAMES[p.kind] ?? p.kind);
  }
  return true;
}

function hasStreamingScan(p: PhysicalPlan): boolean {
  return p.kind === "scan" ? p.node.streaming : physicalInputs(p).some(hasStreamingScan);
}

function physicalInputs(p: PhysicalPlan): PhysicalPlan[] {
  const r = p as unknown as { input?: PhysicalPlan; inputs?: readonly PhysicalPlan[]; left?: PhysicalPlan; right?: PhysicalPlan; plans?: readonly PhysicalPlan[] };
  const out: PhysicalPlan[] = [];
  if (r.input) out.push(r.input);
  if (r.inputs) out.push(...r.inputs);
  if (r.left) out.push(r.left);
  if (r.right) out.push(r.right);
  return out;
}

function streamingSources(p: Plan): Extract<Plan, { kind: "source" }>[] {
  const own = p.kind === "source" && p.streaming ? [p] : [];
  return [...own, ...children(p).flatMap(streamingSources)];
}

/** Spark's node names (nodeName) of the logical operators, for checkForContinuous's message. */
const LOGICAL_NAMES: Record<string, string> = {
  aggregate: "Aggregate", join: "Join", union: "Union", dedup: "Deduplicate", sort: "Sort", limit: "GlobalLimit",
  watermark: "EventTimeWatermark", generate: "Generate", window: "Window", local: "LocalRelation", table: "LocalRelation",
  offset: "Offset", setOp: "Intersect", subqueries: "Project",
};

function checkContinuous(q: LowLatencyQuery): void {
  const visit = (p: Plan): void => {
    children(p).forEach(visit);
    if (p.kind === "project" || p.kind === "filter" || p.kind === "alias") {
      const exprs = p.kind === "project" ? p.sources : p.kind === "filter" ? [p.source] : [];
      if (exprs.some(usesCurrentTime)) throw legacy("Continuous processing does not support current time operations.");
      return;
    }
    if (p.kind === "source" && p.streaming) return;
    const name = p.kind === "setOp" ? (p.op === "except" ? "Except" : "Intersect") : LOGICAL_NAMES[p.kind] ?? p.kind;
    throw legacy(`Continuous processing does not support ${name} operations.`);
  };
  visit(q.plan);
  for (const node of streamingSources(q.plan)) {
    if (!q.sourceSupports(node.source.format)) {
      throw userError("_LEGACY_ERROR_TEMP_2253", `Data source ${node.source.format} does not support continuous processing.`,
        { hint: "Continuous processing reads from sources that hand records over as they arrive: kafka." });
    }
  }
  if (q.sink.kind === "foreachBatch" || (q.sink.kind === "format" && !q.sink.realTime)) {
    const name = q.sink.kind === "format" ? q.sink.format : "foreachBatch";
    throw userError("_LEGACY_ERROR_TEMP_1195", `'${name}' is not supported with continuous trigger.`,
      { hint: "Continuous processing writes to kafka, console, memory or foreach." });
  }
}

function legacy(message: string): SluiceError {
  return userError("_LEGACY_ERROR_TEMP_3102", message, { hint: "Continuous processing runs projections and filters only; use the default trigger or trigger({ realTime }) for more." });
}

/** Whether an (unresolved) expression calls current_timestamp/current_date/now/localtimestamp. */
function usesCurrentTime(e: unknown): boolean {
  const text = JSON.stringify(e, (_k, v) => (typeof v === "bigint" ? String(v) : v)) ?? "";
  return /"name":"(current_timestamp|current_date|now|localtimestamp|curdate)"/i.test(text);
}
