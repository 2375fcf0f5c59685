// session_window(timeColumn, gapDuration): each row opens the session [ts, ts + gap); sessions of
// the same group that overlap or touch merge into one (Spark's MergingSessionsExec). Analysis adds
// a `session_window` column holding the row's own session; the aggregate merges them per group.
// The gap is a duration string or any expression giving one (or an interval) per row.
import type { Bound } from "../expr/bound.ts";
import type { Expr } from "../expr/expr.ts";
import { toPrettySQL } from "../expr/expr_sql.ts";
import { userError } from "../errors.ts";
import { BOOLEAN, CALENDAR_INTERVAL, type DataType } from "../types/data_type.ts";
import type { Attribute } from "./attribute.ts";
import { parseDuration } from "./duration.ts";
import type { Plan } from "./plan.ts";
import { ExprResolver, type ResolveContext } from "./resolve_expr.ts";
import { resolveTimeColumn, timeAttribute, WINDOW_TYPE } from "./time_window.ts";

export function isSessionWindow(e: Expr): boolean {
  const inner = e.kind === "alias" ? e.arg : e;
  return inner.kind === "call" && inner.name.toLowerCase() === "session_window";
}

/**
 * Adds `session_window` = [ts, ts + gap) as the last column (Spark's SessionWindowing). Rows with
 * a null time are dropped; so are rows whose gap is null, zero or negative (a gap that is not a
 * positive literal: a column expression, evaluated per row, or a literal like "0 seconds").
 */
export function addSessionWindow(input: Plan, e: Expr, ctx: ResolveContext): { plan: Plan } {
  const call = (e.kind === "alias" ? e.arg : e) as Extract<Expr, { kind: "call" }>;
  const sql = toPrettySQL(call);
  if (call.args.length !== 2) {
    throw userError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", `The \`session_window\` requires 2 parameters but the actual number is ${call.args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`, { sqlState: "42605" });
  }
  const resolver = new ExprResolver(input.output, ctx);
  const ts = resolveTimeColumn(input, call.args[0]!, ctx);
  if (ts.type.kind !== "timestamp" && ts.type.kind !== "timestamp_ntz") {
    throw userError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `Cannot resolve "${sql}" due to data type mismatch: The first parameter requires the ("TIMESTAMP" or "TIMESTAMP_NTZ") type, however "${toPrettySQL(call.args[0]!)}" has the type "${ts.type.sql()}".`, { sqlState: "42K09" });
  }
  const tsAttr = timeAttribute(input, ts);
  const output: Attribute[] = [...input.output, { name: "session_window", type: WINDOW_TYPE as DataType, nullable: false, watermarkDelayMs: tsAttr?.watermarkDelayMs }];
  const keep = input.output.map((a, i): Bound => ({ kind: "ref", ordinal: i, type: a.type, nullable: a.nullable, name: a.name }));
  const sources = input.output.map((a) => ({ kind: "column", parts: [a.name] }) as Expr);
  const gapArg = call.args[1]!;
  const fixed = gapArg.kind === "literal" && typeof gapArg.value === "string" ? fixedGap(gapArg.value) : undefined;
  if (fixed !== undefined) {
    // A positive duration: every row with a time has a session; no range filter (as Spark).
    const session: Bound = {
      kind: "fn", name: "session_window", args: [ts], type: WINDOW_TYPE, nullable: true,
      impl: (t: number) => [t, t + fixed], inline: ([t]) => `[${t}, ${t} + ${fixed}]`,
    };
    const notNull: Bound = { kind: "fn", name: "isnotnull", args: [ts], type: BOOLEAN, nullable: false, nullSafe: true, impl: (v: unknown) => v !== null, inline: ([v]) => `${v} !== null` };
    const filtered: Plan = Object.freeze({
      kind: "filter", input, condition: notNull, source: { kind: "isNull", arg: call.args[0]!, negated: true } as Expr,
      output: input.output, streaming: input.streaming,
    });
    return { plan: Object.freeze({ kind: "project", input: filtered, exprs: [...keep, session], sources: [...sources, e], output, streaming: input.streaming }) };
  }
  // Any other gap: cast to an interval (a string that is no interval is null) and added to the time.
  const gap = resolver.resolve(gapArg);
  const gapExpr: Expr = gap.type.kind === "calendar_interval" ? gapArg
    : gap.type.kind === "string" || gap.type.kind === "null" ? { kind: "cast", arg: gapArg, to: CALENDAR_INTERVAL, mode: "cast" }
    : (() => {
      throw userError("_LEGACY_ERROR_TEMP_1040", `Gap duration expression used in session window must be CalendarIntervalType, but got ${scalaTypeName(gap.type)}.`, {
        hint: 'Give the gap as a string ("5 minutes") or a string expression (F.when(..., "5 minutes").otherwise("10 minutes")).',
      });
    })();
  const timeExpr: Expr = ts.kind === "fn" && ts.name === "window_time" ? { kind: "call", name: "window_time", args: [call.args[0]!] } : call.args[0]!;
  const end = resolver.resolve({ kind: "binary", op: "+", left: timeExpr, right: gapExpr });
  const session: Bound = {
    kind: "fn", name: "session_window", args: [ts, end], type: WINDOW_TYPE, nullable: true, nullSafe: true,
    impl: (t: number | null, e: number | null) => [t, e],
  };
  const projected: Plan = Object.freeze({ kind: "project", input, exprs: [...keep, session], sources: [...sources, e], output, streaming: input.streaming });
  const slot = output.length - 1;
  const w: Bound = { kind: "ref", ordinal: slot, type: WINDOW_TYPE, nullable: false, name: "session_window" };
  const inRange: Bound = {
    kind: "fn", name: "session_in_range", args: [w], type: BOOLEAN, nullable: false, nullSafe: true,
    impl: (s: [number | null, number | null]) => s[0] !== null && s[1] !== null && s[1] > s[0],
  };
  return {
    plan: Object.freeze({
      kind: "filter", input: projected, condition: inRange,
      source: { kind: "binary", op: ">", left: { kind: "getField", arg: { kind: "column", parts: ["session_window"] }, name: "end" }, right: { kind: "getField", arg: { kind: "column", parts: ["session_window"] }, name: "start" } } as Expr,
      output, streaming: input.streaming,
    }),
  };
}

/** The gap of a literal that is a positive duration in days or less, in microseconds. */
function fixedGap(text: string): number | undefined {
  let d;
  try {
    d = parseDuration(text, "gapDuration");
  } catch {
    return undefined;
  }
  return d.months === 0 && d.micros > 0 ? d.micros : undefined;
}

/** A type as Spark's DataType.toString prints it (the case class): IntegerType, DayTimeIntervalType(0,3) … */
function scalaTypeName(t: DataType): string {
  switch (t.kind) {
    case "daytime_interval":
    case "yearmonth_interval":
      return `${t.kind === "daytime_interval" ? "DayTimeIntervalType" : "YearMonthIntervalType"}(${t.startField},${t.endField})`;
    case "decimal":
      return `DecimalType(${t.precision},${t.scale})`;
    case "array":
      return `ArrayType(${scalaTypeName(t.elementType)},${t.containsNull})`;
    case "map":
      return `MapType(${scalaTypeName(t.keyType)},${scalaTypeName(t.valueType)},${t.valueContainsNull})`;
    case "struct":
      return `StructType(${t.fields.map((f) => `StructField(${f.name},${scalaTypeName(f.dataType)},${f.nullable})`).join(",")})`;
    default: {
      const names: Record<string, string> = {
        byte: "ByteType", short: "ShortType", int: "IntegerType", long: "LongType", float: "FloatType", double: "DoubleType",
        boolean: "BooleanType", binary: "BinaryType", date: "DateType", timestamp: "TimestampType", timestamp_ntz: "TimestampNTZType", null: "NullType",
      };
      return names[t.kind] ?? t.simpleString();
    }
  }
}
