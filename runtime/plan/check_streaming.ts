// Spark's UnsupportedOperationChecker for streaming queries, run by start(): the output mode must
// fit the operators, with Spark's error classes and words.
import { userError } from "../errors.ts";
import type { OutputMode } from "../plugin/contract.ts";
import { children, type Plan } from "./plan.ts";

function collect(p: Plan, pred: (n: Plan) => boolean): Plan[] {
  return [...(pred(p) ? [p] : []), ...children(p).flatMap((c) => collect(c, pred))];
}

export function checkStreamingPlan(plan: Plan, mode: OutputMode): void {
  if (!plan.streaming) {
    throw userError("_LEGACY_ERROR_TEMP_3102", "Queries without streaming sources cannot be executed with writeStream.start()", {
      hint: "Read the input with spark.readStream, or write a batch DataFrame with df.write.",
    });
  }
  const aggregates = collect(plan, () => false);
  if (mode === "complete" && aggregates.length === 0) {
    throw userError("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION",
      "Invalid streaming output mode: complete. This output mode is not supported for no streaming aggregations on streaming DataFrames/DataSets.",
      { sqlState: "42KDE", hint: "Complete mode re-emits the whole result table, which needs an aggregation; use append or update." });
  }
  if (mode === "update" && collect(plan, (n) => n.kind === "limit").length > 0) {
    throw userError("_LEGACY_ERROR_TEMP_3102", "Limits are not supported on streaming DataFrames/Datasets in Update output mode");
  }
}
