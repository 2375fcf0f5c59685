// Text of unresolved expressions the way Spark prints them:
//   prettyName(e) — the auto-generated column name (Spark's ResolveAliases + toPrettySQL):
//                   `(a + 1)`, `abs(a)`, string literals unquoted, a column by its last name part.
//   toSQLExpr(e)  — what Spark's error messages quote: the pretty form in double quotes, "(a + 1)".
//   sqlText(e)    — Spark's Expression.sql: literals typed and quoted ('x', 1L, 1.5BD).
// The analyzer passes `canonical` to map a function name as written to the name Spark prints
// (its registered name). Forms verified against PySpark 4.1.1 are in expr_sql.test.ts; the rest
// are marked "unverified" below.
import { formatTime } from "./datetime/time_of_day.ts";
import type { Expr, FrameBound, SortOrderExpr, WindowSpec } from "./expr.ts";
import type { DataType } from "../types/data_type.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { javaDoubleToString, javaFloatToString } from "./java_format.ts";
import { dayTimeIntervalSql, formatDate, formatTimestamp, yearMonthIntervalSql } from "../sql/literal_values.ts";

export type Canonical = (fnName: string) => string;

/**
 * What the analyzer made of a node, for printing: Spark prints the expression its analyzer built,
 * which can differ from what was written (`dt + 1` becomes DateAdd and prints `date_add(dt, 1)`;
 * a TIMESTAMP literal prints in the session time zone). `args` are printed (each with its own
 * analysis) and handed to `text`.
 */
export interface AnalyzedForm {
  readonly args: readonly Expr[];
  readonly text: (args: readonly string[]) => string;
}

/** A node's analyzed form; null when it was analyzed and prints as written; undefined when not analyzed. */
export type Analysis = (e: Expr) => AnalyzedForm | null | undefined;

export interface PrinterOptions {
  /** Maps a function name as written to the name Spark prints; default: lower case. */
  canonical?: Canonical;
  /** Session time zone used to print TIMESTAMP literals (default UTC). */
  timeZone?: string;
  /** What the analyzer made of the nodes (see AnalyzedForm); without it the text as written is printed. */
  analysis?: Analysis;
}

type Mode = "pretty" | "sql";
interface Ctx {
  mode: Mode;
  canonical: Canonical;
  timeZone: string;
  /** Lambda parameters in scope: Spark prints their references as namedlambdavariable(). */
  lambdaVars: ReadonlySet<string>;
  analysis?: Analysis;
}

/**
 * Names Spark prints differently from the registered lower-case name (the expression's
 * prettyName). Applied after `canonical`.
 */
const PRINTED_NAMES: Record<string, string> = {
  ceil: "CEIL", floor: "FLOOR", power: "POWER", rank: "RANK", dense_rank: "DENSE_RANK", percent_rank: "PERCENT_RANK",
  log: "LOG", log10: "LOG10", log2: "LOG2", exp: "EXP", sqrt: "SQRT", cbrt: "CBRT", signum: "SIGNUM", e: "E", pi: "PI",
  sin: "SIN", cos: "COS", tan: "TAN", asin: "ASIN", acos: "ACOS", atan: "ATAN", sinh: "SINH", cosh: "COSH", tanh: "TANH",
  asinh: "ASINH", acosh: "ACOSH", atanh: "ATANH", sec: "SEC", csc: "CSC", cot: "COT", degrees: "DEGREES", radians: "RADIANS",
  expm1: "EXPM1", log1p: "LOG1P", atan2: "ATAN2", hypot: "HYPOT",
  rlike: "RLIKE", regexp_like: "REGEXP_LIKE", regexp: "REGEXP", spark_partition_id: "SPARK_PARTITION_ID",
  // aliases Spark resolves to another expression's name
  array_agg: "collect_list", to_varchar: "to_char", current_database: "current_schema",
};


/** Ranking functions: Spark gives them a ROWS … CURRENT ROW frame when none is written. */
const RANKING = new Set(["row_number", "rank", "dense_rank", "percent_rank", "ntile"]);

function ctxOf(options: Canonical | PrinterOptions | undefined, mode: Mode): Ctx {
  const o: PrinterOptions = typeof options === "function" ? { canonical: options } : (options ?? {});
  return {
    mode,
    canonical: o.canonical ?? ((n) => n.toLowerCase()),
    timeZone: o.timeZone ?? "UTC",
    lambdaVars: new Set(),
    analysis: o.analysis,
  };
}

/** Spark's auto-generated name for an unaliased output column. */
export function prettyName(e: Expr, options?: Canonical | PrinterOptions): string {
  const ctx = ctxOf(options, "pretty");
  switch (e.kind) {
    case "column":
      return e.parts[e.parts.length - 1]!;
    case "alias":
      return e.names[0]!;
    case "cast": {
      // ResolveAliases: CAST(col AS t) (also nested casts) keeps the column's name. A dotted
      // name is taken as a struct field (printed), not a qualified column (unverifiable here).
      let inner: Expr = e.arg;
      while (inner.kind === "cast") inner = inner.arg;
      if (inner.kind === "column" && inner.parts.length === 1) return inner.parts[0]!;
      break;
    }
    case "call": {
      const name = ctx.canonical(e.name).toLowerCase();
      // Time windows are replaced by a column named after the function.
      if ((name === "window" || name === "session_window") && !e.over) return name;
      break;
    }
  }
  return render(e, ctx);
}

/** Spark's toPrettySQL: the pretty text of an expression nested anywhere. */
export function toPrettySQL(e: Expr, options?: Canonical | PrinterOptions): string {
  return render(e, ctxOf(options, "pretty"));
}

/** Spark's toSQLExpr, as quoted inside error messages: "(a + 1)". */
export function toSQLExpr(e: Expr, options?: Canonical | PrinterOptions): string {
  return `"${toPrettySQL(e, options)}"`;
}

/** Spark's Expression.sql of the expression (without the casts the analyzer would insert). */
export function sqlText(e: Expr, options?: Canonical | PrinterOptions): string {
  return render(e, ctxOf(options, "sql"));
}

function render(e: Expr, ctx: Ctx): string {
  const r = (x: Expr) => render(x, ctx);
  const analyzed = ctx.analysis?.(e);
  if (analyzed) return analyzed.text(analyzed.args.map(r));
  switch (e.kind) {
    case "column": {
      if (ctx.lambdaVars.has(e.parts[0]!)) {
        const fields = e.parts.slice(1).map((p) => (ctx.mode === "pretty" ? p : quoteIdent(p)));
        return ["namedlambdavariable()", ...fields].join(".");
      }
      return ctx.mode === "pretty" ? e.parts.join(".") : e.parts.map(quoteIfNeeded).join(".");
    }
    case "literal": {
      // A literal left for the analyzer to read in the session zone holds its wall-clock time.
      const lctx = e.localTime ? { ...ctx, timeZone: "UTC" } : ctx;
      return ctx.mode === "pretty" ? prettyLiteral(e.value, e.type, lctx) : sqlLiteral(e.value, e.type, lctx);
    }
    case "star":
      return e.qualifier ? `${e.qualifier.map(ctx.mode === "sql" ? quoteIfNeeded : (x: string) => x).join(".")}.*` : "*";
    case "unary":
      switch (e.op) {
        case "not": return `(NOT ${r(e.arg)})`;
        case "~": return `~${r(e.arg)}`;
        default: return `(${e.op} ${r(e.arg)})`;
      }
    case "binary":
      return renderBinary(e.op, e.left, e.right, ctx, analyzed === undefined);
    case "cast":
      // usePrettyExpression: a cast the user did not write as CAST (a cast alias) prints as its argument.
      if (e.alias && ctx.mode === "pretty") return r(e.arg);
      return `${e.mode === "try" ? "TRY_CAST" : "CAST"}(${r(e.arg)} AS ${typeSql(e.to)})`;
    case "case": {
      const branches = e.branches.map((b) => {
        const when = e.operand ? `(${r(e.operand)} = ${r(b.when)})` : r(b.when);
        return ` WHEN ${when} THEN ${r(b.then)}`;
      });
      const otherwise = e.otherwise ? ` ELSE ${r(e.otherwise)}` : "";
      return `CASE${branches.join("")}${otherwise} END`;
    }
    case "in": {
      const text = `(${r(e.arg)} IN (${e.list.map(r).join(", ")}))`;
      return e.negated ? `(NOT ${text})` : text;
    }
    case "between": {
      const text = `between(${r(e.arg)}, ${r(e.low)}, ${r(e.high)})`;
      return e.negated ? `(NOT ${text})` : text;
    }
    case "like": {
      let text: string;
      if (e.mode === "like") {
        const esc = e.escape !== undefined && e.escape !== "\\" ? ` ESCAPE '${e.escape}'` : "";
        text = `${r(e.arg)} LIKE ${r(e.pattern)}${esc}`;
      } else if (e.mode === "ilike") {
        // unverified: how Spark prints ILIKE with an ESCAPE character
        const esc = e.escape !== undefined && e.escape !== "\\" ? `, '${e.escape}'` : "";
        text = `ilike(${r(e.arg)}, ${r(e.pattern)}${esc})`;
      } else {
        text = `RLIKE(${r(e.arg)}, ${r(e.pattern)})`;
      }
      return e.negated ? `(NOT ${text})` : text;
    }
    case "isNull":
      return `(${r(e.arg)} IS ${e.negated ? "NOT " : ""}NULL)`;
    case "alias":
      return e.names.length === 1 ? `${r(e.arg)} AS ${aliasName(e.names[0]!, ctx)}` : `${r(e.arg)} AS (${e.names.map((n) => aliasName(n, ctx)).join(", ")})`;
    case "getField":
      return ctx.mode === "pretty" ? `${r(e.arg)}.${e.name}` : `${r(e.arg)}.${quoteIdent(e.name)}`;
    case "getItem":
      return `${r(e.arg)}[${r(e.key)}]`;
    case "sortOrder":
      return renderSortOrder(e, ctx);
    case "lambda": {
      const inner: Ctx = { ...ctx, lambdaVars: new Set([...ctx.lambdaVars, ...e.params]) };
      const vars = e.params.map(() => "namedlambdavariable()");
      return `lambdafunction(${render(e.body, inner)}, ${vars.join(", ")})`;
    }
    case "subquery":
      // unverified: Spark prints subquery expressions by their expression names
      if (e.mode === "exists") return "exists()";
      if (e.mode === "in") return `(${e.arg ? r(e.arg) : ""} IN (listquery()))`;
      return "scalarsubquery()";
    case "call":
      return renderCall(e, ctx);
  }
}

function literalText(s: string, ctx: Ctx): string {
  return ctx.mode === "pretty" ? s : `'${s}'`;
}

function aliasName(n: string, ctx: Ctx): string {
  return ctx.mode === "sql" ? quoteIfNeeded(n) : n;
}

/** `guess`: the operand types are unknown (not analyzed), so datetime arithmetic is guessed from interval literals. */
function renderBinary(op: string, left: Expr, right: Expr, ctx: Ctx, guess: boolean): string {
  const l = render(left, ctx);
  const rr = render(right, ctx);
  switch (op) {
    case "!=": return `(NOT (${l} = ${rr}))`;
    case "||": return `concat(${l}, ${rr})`;
    case "and": return `(${l} AND ${rr})`;
    case "or": return `(${l} OR ${rr})`;
  }
  // Datetime +/- interval resolves to TimeAdd/DateAddInterval, printed without parentheses.
  if (guess && (op === "+" || op === "-") && isIntervalLiteral(right)) return `${l} ${op} ${rr}`;
  if (guess && op === "+" && isIntervalLiteral(left)) return `${rr} + ${l}`;
  return `(${l} ${op} ${rr})`;
}

function isIntervalLiteral(e: Expr): boolean {
  return e.kind === "literal" &&
    (e.type.kind === "daytime_interval" || e.type.kind === "yearmonth_interval" || e.type.kind === "calendar_interval");
}

function renderSortOrder(e: SortOrderExpr, ctx: Ctx): string {
  return `${render(e.arg, ctx)} ${e.ascending ? "ASC" : "DESC"} NULLS ${e.nullsFirst ? "FIRST" : "LAST"}`;
}

function renderCall(e: Extract<Expr, { kind: "call" }>, ctx: Ctx): string {
  const r = (x: Expr) => render(x, ctx);
  const canonical = ctx.canonical(e.name);
  const lower = canonical.toLowerCase();
  let name = PRINTED_NAMES[lower] ?? canonical;
  let args = e.args.map(r);
  let text: string | undefined;
  switch (lower) {
    case "ceil": case "floor":
      // With a scale these are RoundCeil/RoundFloor, printed by their lower-case name.
      if (args.length === 2) name = lower;
      break;
    case "count":
      if (!e.distinct && e.args.length === 1 && e.args[0]!.kind === "star" && !e.args[0]!.qualifier) args = ["1"];
      break;
    case "<<": case ">>": case ">>>":
      if (args.length === 2) text = `(${args[0]} ${lower} ${args[1]})`;
      break;
    case "window": case "session_window":
      // A time window is replaced by the column of that name before anything prints it.
      if (ctx.mode === "pretty" && !e.over) return lower;
      break;
    case "from_json":
      // The schema is a parameter of JsonToStructs, not a child.
      args = args.slice(0, 1);
      break;
    case "if":
      text = `(IF(${args.join(", ")}))`;
      break;
    case "isnull":
      if (args.length === 1) text = `(${args[0]} IS NULL)`;
      break;
    case "isnotnull":
      if (args.length === 1) text = `(${args[0]} IS NOT NULL)`;
      break;
    case "likeany": case "likeall": case "notlikeany": case "notlikeall":
      // The patterns are not children of Spark's LikeAny, so they are not printed.
      args = args.slice(0, 1);
      break;
    case "substr": case "substring":
      if (args.length === 2) args = [...args, "2147483647"];
      break;
    case "round": case "bround":
      if (args.length === 1) args = [...args, "0"];
      break;
    case "log":
      if (args.length === 1) args = ["E()", ...args];
      break;
    case "trim": case "ltrim": case "rtrim":
      if (args.length === 2) {
        const side = lower === "trim" ? "BOTH" : lower === "ltrim" ? "LEADING" : "TRAILING";
        // trim(trimStr, str), as Spark's two-argument StringTrim constructor
        text = `TRIM(${side} ${args[0]} FROM ${args[1]})`;
      }
      break;
    case "like":
      if (args.length === 2) text = `${args[0]} LIKE ${args[1]}`;
      break;
    case "positive":
      if (args.length === 1) text = `(+ ${args[0]})`;
      break;
    case "split":
      if (args.length === 2) args = [...args, "-1"];
      break;
    case "regexp_extract":
      if (args.length === 2) args = [...args, "1"];
      break;
    case "regexp_replace":
      if (args.length === 3) args = [...args, "1"];
      break;
    case "from_unixtime":
      if (args.length === 1) args = [...args, literalText("yyyy-MM-dd HH:mm:ss", ctx)];
      break;
    case "unix_timestamp":
      if (args.length === 0) args = ["current_timestamp()"];
      if (args.length === 1) args = [...args, literalText("yyyy-MM-dd HH:mm:ss", ctx)];
      break;
    case "months_between":
      if (args.length === 2) args = [...args, "true"];
      break;
    case "sort_array":
      if (args.length === 1) args = [...args, "true"];
      break;
    case "lpad": case "rpad":
      if (args.length === 2) args = [...args, literalText(" ", ctx)];
      break;
    case "percentile":
      if (args.length === 2) args = [...args, "1"];
      break;
    case "datepart":
      if (args.length === 2) text = `datepart(${args[0]} FROM ${args[1]})`;
      break;
    case "locate":
      if (args.length === 2) args = [...args, "1"];
      break;
    case "extract":
      if (args.length === 2 && e.args[0]!.kind === "literal") text = `extract(${String(e.args[0]!.value)} FROM ${args[1]})`;
      break;
    case "first": case "last": case "any_value": case "first_value": case "last_value":
      // ignoreNulls is a parameter of Spark's First/Last, not a child: only the value is printed.
      args = args.slice(0, 1);
      break;
    case "lag": case "lead":
      if (args.length === 1) args = [...args, "1"];
      if (args.length === 2) args = [...args, "NULL"];
      break;
    case "percentile_approx": case "approx_percentile":
      if (args.length === 2) args = [...args, "10000"];
      break;
    case "aggregate": case "reduce":
      if (e.args.length === 3) args = [...args, "lambdafunction(namedlambdavariable(), namedlambdavariable())"];
      break;
  }
  if (text === undefined) text = `${name}(${e.distinct ? "DISTINCT " : ""}${args.join(", ")})`;
  if (e.filter) text += ` FILTER (WHERE ${r(e.filter)})`;
  if (e.over) text += ` OVER (${renderWindow(e.over, lower, e.args, ctx)})`;
  return text;
}

function renderWindow(w: WindowSpec, fn: string, args: readonly Expr[], ctx: Ctx): string {
  const parts: string[] = [];
  if (w.partitionBy.length) parts.push(`PARTITION BY ${w.partitionBy.map((p) => render(p, ctx)).join(", ")}`);
  if (w.orderBy.length) parts.push(`ORDER BY ${w.orderBy.map((o) => renderSortOrder(o, ctx)).join(", ")}`);
  parts.push(frameText(w, fn, args, ctx));
  return parts.join(" ");
}

/** The frame Spark prints: the written one, or the default it resolves to. */
function frameText(w: WindowSpec, fn: string, args: readonly Expr[], ctx: Ctx): string {
  if (w.frame) return `${w.frame.type.toUpperCase()} BETWEEN ${boundText(w.frame.start, ctx)} AND ${boundText(w.frame.end, ctx)}`;
  if (fn === "lag" || fn === "lead") {
    const off = args[1]?.kind === "literal" && typeof args[1].value === "number" ? args[1].value : 1;
    const n = fn === "lag" ? -off : off;
    return `ROWS BETWEEN ${n} FOLLOWING AND ${n} FOLLOWING`;
  }
  if (RANKING.has(fn)) return "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW";
  if (w.orderBy.length) return "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW";
  return "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING";
}

function boundText(b: FrameBound, ctx: Ctx): string {
  if (typeof b === "object") return `${render(b.value, ctx)} ${b.preceding ? "PRECEDING" : "FOLLOWING"}`;
  switch (b) {
    case "unboundedPreceding": return "UNBOUNDED PRECEDING";
    case "unboundedFollowing": return "UNBOUNDED FOLLOWING";
    case "currentRow": return "CURRENT ROW";
    // `0 PRECEDING` is stored as -0, `0 FOLLOWING` as 0
    default: return b < 0 || Object.is(b, -0) ? `${-b} PRECEDING` : `${b} FOLLOWING`;
  }
}

/** DataType.sql as Spark prints it in CAST: INT, DECIMAL(10,2), ARRAY<INT>, STRUCT<f: INT>. */
export function typeSql(t: DataType): string {
  return t.sql();
}

// ---------------------------------------------------------------- literals

function prettyLiteral(v: unknown, t: DataType, ctx: Ctx): string {
  if (v === null || v === undefined) return "NULL";
  switch (t.kind) {
    case "string": return String(v);
    case "byte": case "short": case "int": case "long": return String(v);
    case "double": return javaDoubleToString(v as number);
    case "float": return javaFloatToString(v as number);
    case "decimal": return bigDecimalString(BigInt(v as bigint), t.scale);
    default: return sqlLiteral(v, t, ctx);
  }
}

function sqlLiteral(v: unknown, t: DataType, ctx: Ctx): string {
  if (v === null || v === undefined) return "NULL";
  switch (t.kind) {
    case "string": return `'${String(v).replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
    case "boolean": return String(v);
    case "byte": return `${v}Y`;
    case "short": return `${v}S`;
    case "int": return String(v);
    case "long": return `${v}L`;
    case "double": {
      const n = v as number;
      if (!Number.isFinite(n)) return `CAST('${javaDoubleToString(n)}' AS DOUBLE)`;
      return `${javaDoubleToString(n)}D`;
    }
    case "float": return `CAST('${javaFloatToString(v as number)}' AS FLOAT)`;
    case "decimal": return `${bigDecimalString(BigInt(v as bigint), t.scale)}BD`;
    case "date": return `DATE '${formatDate(v as number)}'`;
    case "timestamp": return `TIMESTAMP '${formatTimestamp(v as number, ctx.timeZone)}'`;
    case "timestamp_ntz": return `TIMESTAMP_NTZ '${formatTimestamp(v as number, null)}'`;
    case "time": return `TIME '${formatTime(v as number)}'`;
    case "binary": return `X'${[...(v as Uint8Array)].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("")}'`;
    case "daytime_interval": return dayTimeIntervalSql(v as number, t.startField, t.endField);
    case "yearmonth_interval": return yearMonthIntervalSql(v as number, t.startField, t.endField);
    case "calendar_interval": {
      // unverified: CalendarInterval literals only exist with spark.sql.legacy.interval.enabled
      const c = v as CalendarInterval;
      return `INTERVAL '${c.months} months ${c.days} days ${c.micros} microseconds'`;
    }
    case "null": return "NULL";
    default: return String(v);
  }
}

/** java.math.BigDecimal.toString of unscaled × 10^-scale. */
export function bigDecimalString(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString();
  const adjusted = digits.length - 1 - scale;
  let body: string;
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) body = digits;
    else if (digits.length > scale) body = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
    else body = `0.${"0".repeat(scale - digits.length)}${digits}`;
  } else {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${mant}E${adjusted >= 0 ? "+" : ""}${adjusted}`;
  }
  return (neg ? "-" : "") + body;
}

// ---------------------------------------------------------------- identifiers

/** Backquotes a name part unless it is a plain identifier (Spark's quoteIfNeeded). */
export function quoteIfNeeded(part: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(part) ? part : quoteIdent(part);
}

function quoteIdent(name: string): string {
  return "`" + name.replaceAll("`", "``") + "`";
}
