// window(timeColumn, windowDuration[, slideDuration[, startTime]]): Spark's TimeWindowing. Each
// row gets one row per window containing it (ceil(window / slide) candidates, epoch-aligned,
// start inclusive, end exclusive); rows with a null time are dropped. The new column `window` is
// struct<start, end> and carries the time column's watermark.
import type { Bound } from "../expr/bound.ts";
import type { Expr } from "../expr/expr.ts";
import { toPrettySQL } from "../expr/expr_sql.ts";
import { userError } from "../errors.ts";
import { ArrayType, StructField, StructType, TIMESTAMP, type DataType } from "../types/data_type.ts";
import { parseDuration } from "./duration.ts";
import type { Attribute } from "./attribute.ts";
import type { Plan } from "./plan.ts";
import { ExprResolver, type ResolveContext } from "./resolve_expr.ts";

export const WINDOW_TYPE = new StructType([new StructField("start", TIMESTAMP, true), new StructField("end", TIMESTAMP, true)]);

/** True for a call to window() (aliased or not). */
export function isTimeWindow(e: Expr): boolean {
  const inner = e.kind === "alias" ? e.arg : e;
  return inner.kind === "call" && inner.name.toLowerCase() === "window";
}

function durationArg(e: Expr | undefined, what: string, sql: string): number | undefined {
  if (e === undefined) return undefined;
  if (e.kind !== "literal" || typeof e.value !== "string") {
    throw userError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", `Cannot resolve "${sql}" due to data type mismatch: the input ${what} should be a foldable "STRING" expression.`, { sqlState: "42K09" });
  }
  const d = parseDuration(e.value, what);
  if (d.months !== 0) {
    throw userError("_LEGACY_ERROR_TEMP_1219", `Intervals greater than a month is not supported (${e.value}).`, { hint: "Express the window in days, hours, minutes or seconds." });
  }
  return d.micros;
}

/** Adds the `window` column below an aggregate; returns the new input and the column's slot. */
export function addTimeWindow(input: Plan, e: Expr, ctx: ResolveContext): { plan: Plan; slot: number } {
  const call = (e.kind === "alias" ? e.arg : e) as Extract<Expr, { kind: "call" }>;
  const sql = toPrettySQL(call);
  if (call.args.length < 2 || call.args.length > 4) {
    throw userError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", `The \`window\` requires [2, 4] parameters but the actual number is ${call.args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`, { sqlState: "42605" });
  }
  const ts = resolveTimeColumn(input, call.args[0]!, ctx);
  if (ts.type.kind !== "timestamp" && ts.type.kind !== "timestamp_ntz") {
    throw userError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `Cannot resolve "${sql}" due to data type mismatch: The first parameter requires the ("TIMESTAMP" or "TIMESTAMP_NTZ") type, however "${toPrettySQL(call.args[0]!)}" has the type "${ts.type.sql()}".`, { sqlState: "42K09" });
  }
  const windowUs = durationArg(call.args[1], "windowDuration", sql)!;
  const slideUs = durationArg(call.args[2], "slideDuration", sql) ?? windowUs;
  const startUs = durationArg(call.args[3], "startTime", sql) ?? 0;
  if (windowUs <= 0) throw constraint(sql, `The window duration (${windowUs}) must be greater than 0.`);
  if (slideUs <= 0) throw constraint(sql, `The slide duration (${slideUs}) must be greater than 0.`);
  if (slideUs > windowUs) throw constraint(sql, `The slide duration (${slideUs}) must be less than or equal to the windowDuration (${windowUs}).`);
  if (Math.abs(startUs) >= slideUs) throw constraint(sql, `The absolute value of start time (${startUs}) must be less than the slideDuration (${slideUs}).`);

  const overlapping = Math.ceil(windowUs / slideUs);
  const windows = (t: number): unknown[][] => {
    const remainder = (t - startUs) % slideUs;
    const lastStart = t - (remainder < 0 ? remainder + slideUs : remainder);
    const out: unknown[][] = [];
    for (let i = 0; i < overlapping; i++) {
      const start = lastStart - i * slideUs, end = start + windowUs;
      if (start <= t && t < end) out.push([start, end]);
    }
    return out;
  };
  const generator: Bound = {
    kind: "fn", name: "window", args: [ts], type: new ArrayType(WINDOW_TYPE, false), nullable: true, impl: windows,
  };
  const tsAttr = timeAttribute(input, ts);
  const slot = input.output.length;
  const windowAttr = { name: "window", type: WINDOW_TYPE as DataType, nullable: false, watermarkDelayMs: tsAttr?.watermarkDelayMs };
  const plan: Plan = Object.freeze({
    kind: "generate", input, generator, generatorName: "explode", outer: false, position: false, source: e,
    output: [...input.output, windowAttr], streaming: input.streaming,
  });
  return { plan, slot };
}

/**
 * The time column of window()/session_window(): a window struct (the window column of an earlier
 * window aggregation) stands for its window_time(), as Spark's TimeWindowing rewrites it.
 */
export function resolveTimeColumn(input: Plan, e: Expr, ctx: ResolveContext): Bound {
  const resolver = new ExprResolver(input.output, ctx);
  const ts = resolver.resolve(e);
  if (ts.type.kind !== "struct") return ts;
  return resolver.resolve({ kind: "call", name: "window_time", args: [e] });
}

/** The input column a time expression reads (directly or through window_time), which carries its watermark. */
export function timeAttribute(input: Plan, ts: Bound): Attribute | undefined {
  if (ts.kind === "ref") return input.output[ts.ordinal];
  if (ts.kind === "fn" && ts.name === "window_time" && ts.args[0]?.kind === "ref") return input.output[ts.args[0].ordinal];
  return undefined;
}

function constraint(sql: string, message: string) {
  return userError("DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION", `Cannot resolve "${sql}" due to data type mismatch: ${message}`, { sqlState: "42K09" });
}
