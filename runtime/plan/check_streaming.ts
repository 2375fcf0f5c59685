// Spark's UnsupportedOperationChecker for streaming queries, run by start(): the output mode must
// fit the operators, with Spark's error classes and words.
import { userError } from "../errors.ts";
import type { OutputMode } from "../plugin/contract.ts";
import { children, type Plan } from "./plan.ts";
import { sqlText } from "../expr/expr_sql.ts";
import { canonicalName } from "./resolve_expr.ts";
import { JOIN_TYPE_NAMES } from "./join.ts";
import { isWatermarkInJoinKeys, stateValueWatermark } from "./join_watermark.ts";

function collect(p: Plan, pred: (n: Plan) => boolean): Plan[] {
  return [...(pred(p) ? [p] : []), ...children(p).flatMap((c) => collect(c, pred))];
}

function unsupportedMode(mode: OutputMode, operation: string, hint: string) {
  return userError("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION",
    `Invalid streaming output mode: ${mode}. This output mode is not supported for ${operation} on streaming DataFrames/DataSets.`,
    { sqlState: "42KDE", hint });
}

function legacy(message: string, hint?: string) {
  return userError("_LEGACY_ERROR_TEMP_3102", message, { hint });
}

type JoinNode = Extract<Plan, { kind: "join" }>;

/**
 * checkForStreamStreamJoinWatermark: an outer or semi join of two streams needs a watermark in
 * its keys, or a range condition that bounds the state of the side(s) whose rows wait for a match.
 */
function checkStreamStreamJoinWatermark(j: JoinNode): void {
  if (isWatermarkInJoinKeys(j)) return;
  const bounded = (side: "left" | "right") => stateValueWatermark(j, side, 1_000_000) !== undefined;
  // A full outer join needs one side bounded (Spark 4.1 checks `exists`, not both).
  const valid = j.joinType === "left" || j.joinType === "semi" ? bounded("left")
    : j.joinType === "right" ? bounded("right")
    : bounded("left") || bounded("right");
  if (!valid) {
    throw legacy(`Stream-stream ${JOIN_TYPE_NAMES[j.joinType]} join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or a watermark on the nullable side and an appropriate range condition`,
      "Declare watermarks on both streams (withWatermark) and bound the join by event time: " +
      '"clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour", or join on an event-time column or window.');
  }
}

/** Spark's checks of joins with a streaming side (UnsupportedOperationChecker). */
function checkStreamingJoin(j: JoinNode, mode: OutputMode): void {
  const l = j.left.streaming, r = j.right.streaming;
  if (!l && !r) return;
  if (l && r) {
    if (mode !== "append") {
      throw legacy(`Join between two streaming DataFrames/Datasets is not supported in ${mode === "update" ? "Update" : "Complete"} output mode, only in Append output mode`,
        'Stream-stream joins emit each joined row once: use outputMode("append").');
    }
    switch (j.joinType) {
      case "inner":
      case "cross":
        break;
      case "anti":
        throw legacy("LeftAnti join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported");
      default:
        checkStreamStreamJoinWatermark(j);
    }
    if (j.leftKeys.length === 0) {
      throw userError("_LEGACY_ERROR_TEMP_1181", "Stream-stream join without equality predicate is not supported.", {
        hint: "Join the two streams on at least one equality between their columns (left.k = right.k).",
      });
    }
    return;
  }
  switch (j.joinType) {
    case "full":
      throw legacy(l
        ? "FullOuter joins with streaming DataFrames/Datasets on the left and a static DataFrame/Dataset on the right is not supported"
        : "FullOuter joins with streaming DataFrames/Datasets on the right and a static DataFrame/Dataset on the left is not supported");
    case "anti":
      if (r) throw legacy("LeftAnti join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported");
      return;
    case "semi":
      if (r) throw legacy("LeftSemi join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported");
      return;
    case "left":
      if (r) throw legacy("LeftOuter join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported");
      return;
    case "right":
      if (l) throw legacy("RightOuter join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported");
      return;
    default:
      return;
  }
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
  if (mode === "complete" && aggregates.length === 0) {
    throw unsupportedMode(mode, "no streaming aggregations", 'Complete mode rewrites the whole result each batch, so it needs an aggregation (groupBy(...).agg(...)); use outputMode("append") otherwise.');
  }
  if (mode === "update" && aggregates.some((a) => a.session)) {
    throw unsupportedMode(mode, "session window streaming aggregations", 'Use outputMode("append") (sessions are emitted when the watermark closes them) or outputMode("complete").');
  }
  if (mode === "append" && aggregates.some((a) => a.eventTimeKey === undefined)) {
    throw unsupportedMode(mode, "streaming aggregations without watermark",
      'Append emits a group only once it is final, which needs a watermark on a grouping key: df.withWatermark("timestamp", "10 minutes")' +
      '.groupBy(F.window("timestamp", "5 minutes"), …). Or use outputMode("update") (changed groups each batch) or outputMode("complete") (the whole result).');
  }
  if (aggregates.length > 1 && mode !== "append") {
    throw legacy("Detected pattern of possible 'correctness' issue due to global watermark. The query contains stateful operation which can emit rows older than the current watermark plus allowed late record delay, which are \"late rows\" in downstream stateful operations and these rows can be discarded. Please refer the programming guide doc for more details. If you understand the possible risk of correctness issue and still need to run the query, you can disable this check by setting the config `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.",
      "Chained aggregations run in append mode only.");
  }
  checkGroupsWithState(plan, mode, aggregates.length > 0);
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
  for (const w of collect(plan, (n) => n.kind === "window" && n.streaming) as Extract<Plan, { kind: "window" }>[]) {
    const call = w.sources[0]!;
    const spec = call.kind === "call" && call.over ? sqlText({ ...call, args: [] }, canonicalName).replace(/^[^(]*\(\) OVER /, "") : "";
    throw userError("NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING",
      `Window function is not supported in ${call.kind === "call" ? call.name.toUpperCase() : "window"} (as column \`${w.output[w.input.output.length]!.name}\`) on streaming DataFrames/Datasets. Structured Streaming only supports time-window aggregation using the WINDOW function. (window specification: ${spec})`,
      { sqlState: "42KDE", hint: "Use a time window: GROUP BY window(eventTime, '10 minutes'), or run the query on a batch DataFrame." });
  }
  for (const j of collect(plan, (n) => n.kind === "join") as Extract<Plan, { kind: "join" }>[]) checkStreamingJoin(j, mode);
  for (const u of collect(plan, (n) => n.kind === "union") as Extract<Plan, { kind: "union" }>[]) {
    if (u.inputs.some((p) => p.streaming) && u.inputs.some((p) => !p.streaming)) throw legacy("Union between streaming and batch DataFrames/Datasets is not supported");
  }
  for (const s of collect(plan, (n) => n.kind === "setOp") as Extract<Plan, { kind: "setOp" }>[]) {
    if (s.op === "intersect" && (s.left.streaming || s.right.streaming)) throw legacy("Intersect of streaming DataFrames/Datasets is not supported");
    if (s.op === "except" && s.right.streaming) throw legacy("Except on a streaming DataFrame/Dataset on the right is not supported");
    if (s.op === "except" && s.left.streaming) {
      throw userError("UNSUPPORTED_FEATURE.STREAMING_EXCEPT", "EXCEPT of a streaming DataFrame/Dataset is not supported yet.", {
        sqlState: "0A000", hint: "Use a LEFT ANTI JOIN with the static side instead.",
      });
    }
  }
  if (mode === "update" && collect(plan, (n) => n.kind === "limit").length > 0) {
    throw legacy("Limits are not supported on streaming DataFrames/Datasets in Update output mode");
  }
}

const MODE_NAMES: Record<OutputMode, string> = { append: "Append", update: "Update", complete: "Complete" };

/** Spark's rules for mapGroupsWithState / flatMapGroupsWithState: output modes, aggregations, timeouts. */
function checkGroupsWithState(plan: Plan, mode: OutputMode, aggregationInQuery: boolean): void {
  const nodes = collect(plan, (n) => n.kind === "flatMapGroupsWithState" && n.streaming) as Extract<Plan, { kind: "flatMapGroupsWithState" }>[];
  for (const m of nodes.reverse()) {
    if (m.isMapGroupsWithState) {
      if (mode !== "update") {
        throw legacy(`mapGroupsWithState is not supported with ${MODE_NAMES[mode]} output mode on a streaming DataFrame/Dataset`,
          'mapGroupsWithState runs in outputMode("update") only; flatMapGroupsWithState(…, "append", …) emits in append mode.');
      }
    } else if (!aggregationInQuery) {
      if (m.funcOutputMode !== mode) {
        throw legacy(`flatMapGroupsWithState in ${m.funcOutputMode} mode is not supported with ${MODE_NAMES[mode]} output mode on a streaming DataFrame/Dataset`,
          `Give flatMapGroupsWithState the query's output mode ("${mode}"), or start the query with outputMode("${m.funcOutputMode}").`);
      }
    } else if (m.funcOutputMode === "update") {
      throw legacy("flatMapGroupsWithState in update mode is not supported with aggregation on a streaming DataFrame/Dataset",
        'An aggregation after flatMapGroupsWithState needs its rows final: use flatMapGroupsWithState(…, "append", …).');
    }
    if (m.timeout === "EventTimeTimeout" && m.eventTime === undefined) {
      throw legacy("Watermark must be specified in the query using '[Dataset/DataFrame].withWatermark()' for using event-time timeout in a [map|flatMap]GroupsWithState. Event-time timeout not supported without watermark.",
        'Declare the event time before grouping: df.withWatermark("ts", "10 minutes").groupBy(...).');
    }
  }
}
