// Window functions (`f(…) OVER (PARTITION BY … ORDER BY … frame)`): binds each call over the
// input, applies Spark's frame defaults and checks, and stacks one `window` node per distinct
// partitioning/ordering (as Spark's ExtractWindowExpressions does). Each node's output is its
// input followed by one column per function.
import type { Bound } from "../expr/bound.ts";
import type { Expr, FrameBound, ValueFrameBound, WindowFrame, WindowSpec } from "../expr/expr.ts";
import { compileExpression } from "../expr/codegen.ts";
import { comparatorFor } from "../expr/compare.ts";
import { sqlType } from "../expr/expr_errors.ts";
import { foldValue, isFoldable } from "../expr/foldable.ts";
import { toPrettySQL } from "../expr/expr_sql.ts";
import { lookupAggregate } from "../expr/aggregates/mod.ts";
import { lookupFunction } from "../expr/functions/mod.ts";
import { castBound, implicitCast } from "../expr/coercion.ts";
import { quoteIdent, userError } from "../errors.ts";
import { DOUBLE, INT, type DataType } from "../types/data_type.ts";
import type { Plan, RangeValueBound, ResolvedBound, ResolvedFrame, SortKey, WindowFunction } from "./plan.ts";
import { project } from "./build.ts";
import { canonicalName, ExprResolver, type ResolveContext } from "./resolve_expr.ts";
import { anyNode } from "../expr/transform.ts";
import { aliased, columnRef, rewrite, unalias } from "./expr_rewrite.ts";
import { outputName } from "./resolve_expr.ts";

type Call = Extract<Expr, { kind: "call" }>;

const RANKING = new Set(["row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile"]);
const OFFSET_FNS = new Set(["lag", "lead"]);

/** True if `e` holds a window function call (`… OVER …`). */
export function containsWindow(e: Expr): boolean {
  return anyNode(e, (n) => n.kind === "call" && n.over !== undefined);
}

/** The window calls in `e`, outermost first (a call's arguments are not searched: they cannot hold windows). */
export function windowCalls(e: Expr, out: Call[] = []): Call[] {
  anyNode(e, (n) => {
    if (n.kind === "call" && n.over) out.push(n);
    return false;
  });
  return out;
}

function specKey(spec: WindowSpec): string {
  const p = spec.partitionBy.map((e) => toPrettySQL(e, canonicalName)).join(", ");
  const o = spec.orderBy.map((e) => toPrettySQL(e, canonicalName)).join(", ");
  return `${p}|${o}`;
}

/**
 * Adds one column per call (named `names[i]`) to `input`. Calls whose specs share PARTITION BY
 * and ORDER BY go in one node.
 */
export function addWindows(input: Plan, calls: readonly Call[], names: readonly string[], ctx: ResolveContext): Plan {
  const groups = new Map<string, number[]>();
  calls.forEach((c, i) => {
    const k = specKey(c.over!);
    groups.set(k, [...(groups.get(k) ?? []), i]);
  });
  let plan = input;
  for (const idx of groups.values()) {
    const spec = calls[idx[0]!]!.over!;
    const r = new ExprResolver(plan.output, ctx);
    const partitionBy = spec.partitionBy.map((e) => {
      const b = r.resolve(e);
      if (b.type.kind === "map") {
        throw userError("EXPRESSION_TYPE_IS_NOT_ORDERABLE", `Column expression "${toPrettySQL(e, canonicalName)}" cannot be sorted because its type "${b.type.sql()}" is not orderable.`, { sqlState: "42822", position: e.origin });
      }
      return b;
    });
    const orderBy: SortKey[] = spec.orderBy.map((o) => {
      const b = r.resolve(o.arg);
      if (b.type.kind === "map") {
        throw userError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", `Cannot resolve "${toPrettySQL(o.arg, canonicalName)}" due to data type mismatch: The \`sortorder\` does not support ordering on type "${b.type.sql()}".`, { sqlState: "42K09", position: o.origin });
      }
      return { expr: b, ascending: o.ascending, nullsFirst: o.nullsFirst };
    });
    const functions = idx.map((i) => bindWindowFunction(calls[i]!, r, orderBy, ctx));
    const output = [
      ...plan.output,
      ...functions.map((f, k) => ({ name: names[idx[k]!]!, type: f.type, nullable: nullableOf(f) })),
    ];
    plan = Object.freeze({
      kind: "window", input: plan, partitionBy, orderBy, functions, sources: idx.map((i) => calls[i]!),
      output, streaming: plan.streaming,
    }) as Plan;
  }
  return plan;
}

function nullableOf(f: WindowFunction): boolean {
  switch (f.kind) {
    case "rank":
    case "ntile":
      return false;
    case "offset":
      return true;
    case "aggregate":
      return f.aggregate.nullable;
  }
}

function bindWindowFunction(call: Call, r: ExprResolver, orderBy: readonly SortKey[], ctx: ResolveContext): WindowFunction {
  const name = call.name.toLowerCase();
  const spec = call.over!;
  const sql = toPrettySQL(call, canonicalName);
  const bindCtx = { timeZone: ctx.timeZone, ansi: ctx.ansi, sql, argSql: call.args.map((a) => toPrettySQL(a, canonicalName)) };
  if (call.distinct) {
    throw userError("DISTINCT_WINDOW_FUNCTION_UNSUPPORTED", `Distinct window functions are not supported: ${sql}.`, { sqlState: "0A000", position: call.origin });
  }
  for (const a of call.args) {
    if (containsWindow(a)) {
      throw userError("_LEGACY_ERROR_TEMP_1042", "It is not allowed to use a window function inside an aggregate function. Please use the inner window function in a sub-query.", { position: a.origin });
    }
  }
  if (RANKING.has(name) || OFFSET_FNS.has(name)) {
    if (orderBy.length === 0) {
      throw userError("_LEGACY_ERROR_TEMP_1037",
        `Window function ${name}() requires window to be ordered, please add ORDER BY clause. For example SELECT ${name}()(value_expr) OVER (PARTITION BY window_partition ORDER BY window_ordering) from table.`,
        { position: call.origin, hint: "Add ORDER BY to the window specification." });
    }
    if (spec.frame && OFFSET_FNS.has(name)) {
      throw userError("_LEGACY_ERROR_TEMP_1035", `Cannot specify window frame for ${name} function.`, { position: call.origin });
    }
    const required: WindowFrame = { type: "rows", start: "unboundedPreceding", end: "currentRow" };
    if (spec.frame && !sameFrame(spec.frame, required)) {
      throw userError("_LEGACY_ERROR_TEMP_1036", `Window Frame ${frameText(spec.frame)} must match the required frame ${frameText(required)}.`, { position: call.origin });
    }
  }
  if (RANKING.has(name)) {
    if (name === "ntile") {
      if (call.args.length !== 1) throw wrongArgs(name, "1", call);
      const b = r.resolve(call.args[0]!);
      if (b.kind !== "lit" || typeof b.value !== "number" || !Number.isInteger(b.value) || b.value <= 0) {
        throw userError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
          `Cannot resolve "${sql}" due to data type mismatch: The \`buckets\` must be between (0, 2147483647]. Got ${b.kind === "lit" ? String(b.value) : "a non-literal"}.`,
          { sqlState: "42K09", position: call.origin });
      }
      return { kind: "ntile", buckets: b.value, type: INT };
    }
    if (call.args.length !== 0) throw wrongArgs(name, "0", call);
    const type = name === "percent_rank" || name === "cume_dist" ? DOUBLE : INT;
    return { kind: "rank", name: name as "rank", type };
  }
  if (OFFSET_FNS.has(name) || name === "nth_value") {
    const max = name === "nth_value" ? 3 : 4;
    const min = name === "nth_value" ? 2 : 1;
    if (call.args.length < min || call.args.length > max) throw wrongArgs(name, `[${min}, ${max}]`, call);
    const input = r.resolve(call.args[0]!);
    const offBound = call.args[1] ? r.resolve(call.args[1]) : { kind: "lit" as const, value: 1, type: INT, nullable: false };
    // A foldable offset (a literal, +3, 1 + 1) is used as its value.
    const off = isFoldable(offBound) ? { kind: "lit" as const, value: foldValue(offBound) } : offBound;
    if (off.kind !== "lit" || typeof off.value !== "number" || !Number.isInteger(off.value)) {
      throw userError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
        `Cannot resolve "${sql}" due to data type mismatch: the input \`offset\` should be a foldable "INT" expression; however, got "${toPrettySQL(call.args[1]!, canonicalName)}".`,
        { sqlState: "42K09", position: call.origin });
    }
    if (name === "nth_value") {
      if (off.value <= 0) {
        throw userError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", `Cannot resolve "${sql}" due to data type mismatch: The \`offset\` must be between (0, 9223372036854775807]. Got ${off.value}.`, { sqlState: "42K09", position: call.origin });
      }
      const flag = call.args[2] ? r.resolve(call.args[2]) : undefined;
      const ignoreNulls = flag?.kind === "lit" && flag.value === true;
      return {
        kind: "offset", name: "nth_value", input, offset: off.value, default: { kind: "lit", value: null, type: input.type, nullable: true },
        ignoreNulls, frame: resolveFrame(spec, orderBy, call, ctx), type: input.type,
      };
    }
    const dflt = call.args[2] ? implicitCast(r.resolve(call.args[2]), input.type, bindCtx) : { kind: "lit" as const, value: null, type: input.type, nullable: true };
    const frame: ResolvedFrame = { type: "rows", start: "unboundedPreceding", end: "unboundedFollowing" };
    // A fourth argument is the IGNORE NULLS flag the parser adds.
    const flag = call.args[3] ? r.resolve(call.args[3]) : undefined;
    const ignoreNulls = flag?.kind === "lit" && flag.value === true;
    return { kind: "offset", name: name as "lag", input, offset: off.value, default: dflt, ignoreNulls, frame, type: input.type };
  }
  const agg = lookupAggregate(name);
  if (agg) {
    const args = name === "count" && call.args.length === 1 && call.args[0]!.kind === "star" ? [] : call.args.map((a) => r.resolve(a));
    if (args.length < agg.minArgs || args.length > agg.maxArgs) {
      throw wrongArgs(agg.name, agg.minArgs === agg.maxArgs ? `${agg.minArgs}` : `[${agg.minArgs}, ${agg.maxArgs}]`, call);
    }
    const bound = agg.bind(args, bindCtx, false);
    return { kind: "aggregate", aggregate: bound, frame: resolveFrame(spec, orderBy, call, ctx), type: bound.type };
  }
  if (lookupFunction(name)) {
    throw userError("UNSUPPORTED_EXPR_FOR_WINDOW", `Expression "${sql.replace(/ OVER \(.*$/, "")}" not supported within a window function.`, { sqlState: "42P20", position: call.origin });
  }
  throw userError("UNRESOLVED_ROUTINE",
    `Cannot resolve routine ${quoteIdent(call.name)} on search path [\`system\`.\`builtin\`, \`system\`.\`session\`, \`spark_catalog\`.\`default\`].`,
    { sqlState: "42883", position: call.origin });
}

function wrongArgs(name: string, expected: string, call: Call) {
  return userError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
    `The \`${name}\` requires ${expected} parameters but the actual number is ${call.args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`,
    { sqlState: "42605", position: call.origin });
}

/** The written frame, or Spark's default: RANGE … CURRENT ROW with an ORDER BY, the whole partition without. */
function resolveFrame(spec: WindowSpec, orderBy: readonly SortKey[], call: Call, ctx: ResolveContext): ResolvedFrame {
  const f = spec.frame;
  if (!f) {
    return orderBy.length > 0
      ? { type: "range", start: "unboundedPreceding", end: "currentRow" }
      : { type: "rows", start: "unboundedPreceding", end: "unboundedFollowing" };
  }
  const sql = toPrettySQL(call, canonicalName);
  const frameSql = `${f.type.toUpperCase()} BETWEEN ${boundSql(f.start)} AND ${boundSql(f.end)}`;
  const values = new Map<ValueFrameBound, { b: Bound; value: unknown }>();
  for (const [b, location] of [[f.start, "lower"], [f.end, "upper"]] as const) {
    if (typeof b === "object") values.set(b, checkBoundary(b, location, f.type, frameSql, call, ctx));
  }
  const rank = (b: FrameBound) => {
    if (b === "unboundedPreceding") return -Infinity;
    if (b === "unboundedFollowing") return Infinity;
    if (b === "currentRow") return 0;
    if (typeof b === "number") return b;
    const v = values.get(b)!.value;
    const n = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : NaN;
    return Number.isNaN(n) ? 0 : b.preceding ? -n : n;
  };
  if (f.start === "unboundedFollowing" || f.end === "unboundedPreceding") {
    throw userError("DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_INVALID_BOUND",
      `Cannot resolve "${frameSql}" due to data type mismatch: Window frame upper bound "${boundExprSql(f.end)}" does not follow the lower bound "${boundExprSql(f.start)}".`,
      { sqlState: "42K09", position: call.origin });
  }
  if (rank(f.start) > rank(f.end)) {
    throw userError("DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON",
      `Cannot resolve "${sql}" due to data type mismatch: The lower bound of a window frame must be less than or equal to the upper bound.`,
      { sqlState: "42K09", position: call.origin });
  }
  const hasValue = (b: FrameBound) => typeof b === "number" || typeof b === "object";
  if (f.type === "range" && (hasValue(f.start) || hasValue(f.end))) {
    if (orderBy.length === 0) {
      throw userError("DATATYPE_MISMATCH.RANGE_FRAME_WITHOUT_ORDER", `Cannot resolve "${sql}" due to data type mismatch: A range window frame cannot be used in an unordered window specification.`, { sqlState: "42K09", position: call.origin });
    }
    if (orderBy.length > 1) {
      throw userError("DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER", `Cannot resolve "${sql}" due to data type mismatch: A range window frame with value boundaries cannot be used in a window specification with multiple order by expressions: ${orderBy.map((o) => o.expr.kind === "ref" ? o.expr.name : "expr").join(",")}.`, { sqlState: "42K09", position: call.origin });
    }
    const k = orderBy[0]!.expr.type.kind;
    const intBound = typeof f.start === "number" || typeof f.end === "number";
    if (intBound && !["byte", "short", "int", "long", "float", "double", "decimal", "date"].includes(k)) {
      throw userError("DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE", `Cannot resolve "${sql}" due to data type mismatch: The data type "${orderBy[0]!.expr.type.sql()}" used in the order specification does not support the data type "INT" which is used in the range frame.`, { sqlState: "42K09", position: call.origin });
    }
  }
  const resolve = (b: FrameBound): ResolvedBound => (typeof b === "object" ? rangeValueBound(b, values.get(b)!, orderBy[0]!, sql, call, ctx) : b);
  return { type: f.type, start: resolve(f.start), end: resolve(f.end) };
}

/** How Spark quotes a boundary in messages: the special ones by name, a value without its direction. */
function boundExprSql(b: FrameBound): string {
  if (typeof b === "object") return toPrettySQL(b.value, canonicalName);
  if (typeof b === "number") return String(Math.abs(b));
  return b === "currentRow" ? "CURRENT ROW" : b === "unboundedPreceding" ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING";
}

function boundSql(b: FrameBound): string {
  if (typeof b === "object") return `${toPrettySQL(b.value, canonicalName)} ${b.preceding ? "PRECEDING" : "FOLLOWING"}`;
  if (typeof b === "number") return b < 0 || Object.is(b, -0) ? `${-b} PRECEDING` : `${b} FOLLOWING`;
  return b === "currentRow" ? "CURRENT ROW" : b === "unboundedPreceding" ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING";
}

/** SpecifiedWindowFrame.checkBoundary: a foldable value of the frame's input type. */
function checkBoundary(b: ValueFrameBound, location: "lower" | "upper", type: "rows" | "range", frameSql: string, call: Call, ctx: ResolveContext): { b: Bound; value: unknown } {
  const bound = new ExprResolver([], ctx).resolve(b.value);
  if (!isFoldable(bound)) {
    throw userError("DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WITHOUT_FOLDABLE",
      `Cannot resolve "${frameSql}" due to data type mismatch: Window frame ${location} bound "${toPrettySQL(b.value, canonicalName)}" is not a literal.`,
      { sqlState: "42K09", position: call.origin });
  }
  const t = bound.type;
  const accepted = type === "rows" ? t.kind === "int"
    : ["byte", "short", "int", "long", "float", "double", "decimal", "daytime_interval", "yearmonth_interval", "calendar_interval"].includes(t.kind);
  if (!accepted) {
    throw userError("DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE",
      `Cannot resolve "${frameSql}" due to data type mismatch: The data type of the ${location} bound ${sqlType(t)} does not match the expected data type ${type === "rows" ? '"INT"' : '("NUMERIC" or "ANSI INTERVAL" or "INTERVAL")'}.`,
      { sqlState: "42K09", position: call.origin });
  }
  return { b: bound, value: foldValue(bound) };
}

/**
 * A RANGE boundary at a value: the offset is cast to the order key's type when both are numbers
 * (WindowFrameTypeCoercion), must then suit the key (isValidFrameType), and each row's boundary is
 * key + offset (negated for PRECEDING and again for a descending order), added as Spark's `+` adds.
 */
function rangeValueBound(b: ValueFrameBound, v: { b: Bound; value: unknown }, order: SortKey, sql: string, call: Call, ctx: ResolveContext): RangeValueBound {
  const keyType = order.expr.type;
  let offset: Bound = v.b;
  const isNumber = (t: DataType) => ["byte", "short", "int", "long", "float", "double", "decimal"].includes(t.kind);
  if (isNumber(offset.type) && isNumber(keyType) && offset.type.simpleString() !== keyType.simpleString()) {
    offset = castBound(offset, keyType, { ansi: ctx.ansi, timeZone: ctx.timeZone });
  }
  const ot = offset.type, kt = keyType.kind;
  const valid = (kt === "date" && (ot.kind === "int" || ot.kind === "yearmonth_interval" || (ot.kind === "daytime_interval" && ot.startField === 0 && ot.endField === 0))) ||
    ((kt === "timestamp" || kt === "timestamp_ntz") && (ot.kind === "calendar_interval" || ot.kind === "yearmonth_interval" || ot.kind === "daytime_interval")) ||
    ot.simpleString() === keyType.simpleString();
  if (!valid) {
    throw userError("DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE",
      `Cannot resolve "${sql}" due to data type mismatch: The data type ${sqlType(keyType)} used in the order specification does not support the data type ${sqlType(ot)} which is used in the range frame.`,
      { sqlState: "42K09", position: call.origin });
  }
  const bindCtx = { timeZone: ctx.timeZone, ansi: ctx.ansi, sql, argSql: ["key", "offset"], conf: ctx.conf };
  let value = foldValue(offset);
  if (b.preceding !== !order.ascending) value = lookupFunction("unary_minus")!.bind([offset], bindCtx).impl(value);
  const key: Bound = { kind: "ref", ordinal: 0, type: keyType, nullable: false, name: "key" };
  const lit: Bound = { kind: "lit", value, type: ot, nullable: false };
  const call2 = lookupFunction("add")!.bind([key, lit], bindCtx);
  const add = compileExpression({ kind: "fn", name: "add", ...call2, args: call2.args ?? [key, lit] });
  const row = [null as unknown];
  return {
    kind: "rangeValue",
    boundaryOf: (k) => {
      row[0] = k;
      return add(row);
    },
    compare: comparatorFor(keyType),
  };
}

function sameFrame(a: WindowFrame, b: WindowFrame): boolean {
  const eq = (x: FrameBound, y: FrameBound) => x === y || (typeof x === "number" && typeof y === "number" && x === y) || (x === 0 && y === "currentRow") || (y === 0 && x === "currentRow");
  return a.type === b.type && eq(a.start, b.start) && eq(a.end, b.end);
}

function boundText(b: FrameBound): string {
  if (b === "unboundedPreceding") return "unboundedpreceding$()";
  if (b === "unboundedFollowing") return "unboundedfollowing$()";
  if (b === "currentRow") return "currentrow$()";
  return String(b);
}

function frameText(f: WindowFrame): string {
  return `specifiedwindowframe(${f.type === "rows" ? "RowFrame" : "RangeFrame"}, ${boundText(f.start)}, ${boundText(f.end)})`;
}

/**
 * A select list with window functions, as Spark's ExtractWindowExpressions plans it: every
 * window-free subtree becomes a column (#l0 …) of the plan `lower` builds (a projection of the
 * input, or an aggregate computing them), the window functions are added over it (#win0 …), and
 * the select list is computed last over both. `extras` (already aliased) follow the select list.
 */
export function planWindows(items: readonly Expr[], extras: readonly Expr[], lower: (outputs: Expr[]) => Plan, ctx: ResolveContext): Plan {
  const calls: Call[] = [];
  for (const e of [...items, ...extras]) windowCalls(e, calls);
  const winName = (k: number) => `#win${k}`;
  const isWin = (x: Expr) => x.kind === "column" && x.parts.length === 1 && x.parts[0]!.startsWith("#win");
  const lowered: Expr[] = [];
  const keys: string[] = [];
  // Window-free subtrees become columns of the lower plan; literals stay in place.
  const lowerOf = (e: Expr): Expr => rewrite(e, (x) => {
    if (isWin(x)) return x;
    if (x.kind === "literal" || x.kind === "star" || x.kind === "sortOrder" || x.kind === "alias" || x.kind === "lambda") return undefined;
    if (x.kind === "call" && x.over) return undefined;
    if (anyNode(x, (m) => (m.kind === "call" && m.over !== undefined) || isWin(m))) return undefined;
    if (!anyNode(x, (m) => m.kind === "column" || m.kind === "call" || m.kind === "subquery")) return x;
    const key = toPrettySQL(x, canonicalName);
    let i = keys.indexOf(key);
    if (i < 0) {
      i = lowered.length;
      lowered.push(x);
      keys.push(key);
    }
    return { ...columnRef(`#l${i}`), origin: x.origin };
  });
  const index = new Map<Call, number>();
  calls.forEach((c, k) => index.set(c, k));
  const withoutWindows = (e: Expr) => rewrite(e, (x) => (x.kind === "call" && index.has(x) ? columnRef(winName(index.get(x)!)) : undefined));
  const finalItems = items.map((it) => aliased(lowerOf(withoutWindows(unalias(it))), outputName(it)));
  const finalExtras = extras.map((e) => aliased(lowerOf(withoutWindows(unalias(e))), outputName(e)));
  const lowerCalls = calls.map((c) => ({
    ...c,
    args: c.args.map((a) => (a.kind === "star" ? a : lowerOf(a))),
    over: { ...c.over!, partitionBy: c.over!.partitionBy.map(lowerOf), orderBy: c.over!.orderBy.map((o) => ({ ...o, arg: lowerOf(o.arg) })) },
  }) as Call);
  const lowerPlan = lower(lowered.map((e, i) => aliased(e, `#l${i}`)));
  const hidden = { ...ctx, caseSensitive: true };
  const windowed = addWindows(lowerPlan, lowerCalls, calls.map((_, k) => winName(k)), hidden);
  return project(windowed, [...finalItems, ...finalExtras], hidden);
}

export type { Bound };
