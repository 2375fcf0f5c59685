// session_window(timeColumn, gapDuration): each row opens the session [ts, ts + gap); sessions of
// the same group that overlap or touch merge into one (Spark's MergingSessionsExec). Analysis adds
// a `session_window` column holding the row's own session; the aggregate merges them per group.
import type { Bound } from "../expr/bound.ts";
import type { Expr } from "../expr/expr.ts";
import { toPrettySQL } from "../expr/expr_sql.ts";
import { userError } from "../errors.ts";
import { BOOLEAN, type DataType } from "../types/data_type.ts";
import { parseDuration } from "./duration.ts";
import type { Plan } from "./plan.ts";
import { ExprResolver, type ResolveContext } from "./resolve_expr.ts";
import { WINDOW_TYPE } from "./time_window.ts";

export function isSessionWindow(e: Expr): boolean {
  const inner = e.kind === "alias" ? e.arg : e;
  return inner.kind === "call" && inner.name.toLowerCase() === "session_window";
}

/** Adds `session_window` = [ts, ts + gap) below an aggregate (rows with a null time are dropped). */
export function addSessionWindow(input: Plan, e: Expr, ctx: ResolveContext): { plan: Plan; gapUs: number } {
  const call = (e.kind === "alias" ? e.arg : e) as Extract<Expr, { kind: "call" }>;
  const sql = toPrettySQL(call);
  if (call.args.length !== 2) {
    throw userError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", `The \`session_window\` requires 2 parameters but the actual number is ${call.args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`, { sqlState: "42605" });
  }
  const ts = new ExprResolver(input.output, ctx).resolve(call.args[0]!);
  if (ts.type.kind !== "timestamp" && ts.type.kind !== "timestamp_ntz") {
    throw userError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `Cannot resolve "${sql}" due to data type mismatch: The first parameter requires the ("TIMESTAMP" or "TIMESTAMP_NTZ") type, however "${toPrettySQL(call.args[0]!)}" has the type "${ts.type.sql()}".`, { sqlState: "42K09" });
  }
  const gapArg = call.args[1]!;
  if (gapArg.kind !== "literal" || typeof gapArg.value !== "string") {
    throw userError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", `Cannot resolve "${sql}" due to data type mismatch: the input gapDuration should be a foldable "STRING" expression.`, { sqlState: "42K09" });
  }
  const gap = parseDuration(gapArg.value, "gapDuration");
  if (gap.months !== 0) throw userError("_LEGACY_ERROR_TEMP_1219", `Intervals greater than a month is not supported (${gapArg.value}).`);
  if (gap.micros <= 0) {
    throw userError("DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION", `Cannot resolve "${sql}" due to data type mismatch: The gap duration (${gapArg.value}) must be greater than 0.`, { sqlState: "42K09" });
  }
  const gapUs = gap.micros;
  const session: Bound = {
    kind: "fn", name: "session_window", args: [ts], type: WINDOW_TYPE, nullable: true,
    impl: (t: number) => [t, t + gapUs], inline: ([t]) => `[${t}, ${t} + ${gapUs}]`,
  };
  const tsAttr = ts.kind === "ref" ? input.output[ts.ordinal] : undefined;
  const keep = input.output.map((a, i): Bound => ({ kind: "ref", ordinal: i, type: a.type, nullable: a.nullable, name: a.name }));
  const notNull: Bound = { kind: "fn", name: "isnotnull", args: [ts], type: BOOLEAN, nullable: false, nullSafe: true, impl: (v: unknown) => v !== null, inline: ([v]) => `${v} !== null` };
  const filtered: Plan = Object.freeze({
    kind: "filter", input, condition: notNull, source: { kind: "isNull", arg: call.args[0]!, negated: true } as Expr,
    output: input.output, streaming: input.streaming,
  });
  const plan: Plan = Object.freeze({
    kind: "project", input: filtered, exprs: [...keep, session], sources: [...input.output.map((a) => ({ kind: "column", parts: [a.name] }) as Expr), e],
    output: [...input.output, { name: "session_window", type: WINDOW_TYPE as DataType, nullable: false, watermarkDelayMs: tsAttr?.watermarkDelayMs }],
    streaming: input.streaming,
  });
  return { plan, gapUs };
}
