// Resolves an unresolved expression against the output of a plan node: names become row slots,
// function names become bound implementations, implicit casts are inserted. Errors use Spark's
// classes and words and point at the expression text when it came from a string.
import { requireTimeType } from "../expr/datetime/time_of_day.ts";
import { type Bound, type BindContext } from "../expr/bound.ts";
import type { Expr, Origin } from "../expr/expr.ts";
import { type AnalyzedForm, prettyName, toPrettySQL } from "../expr/expr_sql.ts";
import { lookupFunction } from "../expr/functions/mod.ts";
import { castBound, commonType, implicitCast } from "../expr/coercion.ts";
import { canCast, castTypeCheckError } from "../expr/cast.ts";
import { SluiceError, quoteIdent, suggest, userError } from "../errors.ts";
import { ArrayType, BOOLEAN, INT, MapType, NULL, STRING, StructType, type DataType } from "../types/data_type.ts";
import { getTimeZone } from "../expr/datetime/time_zone.ts";
import { formatTimestamp } from "../sql/literal_values.ts";
import type { Attribute } from "./attribute.ts";
import type { Plan } from "./plan.ts";
import { boundSlot } from "./plan_ids.ts";
import { compileExpression } from "../expr/codegen.ts";

export interface ResolveContext {
  readonly timeZone: string;
  readonly ansi: boolean;
  /** spark.sql.caseSensitive (false by default). */
  readonly caseSensitive: boolean;
  /** The session's configuration, for functions that read it (BindContext.conf). */
  readonly conf?: (key: string) => string | undefined;
  /** Binds a subquery expression (the SQL binder sets this; without it subqueries are refused). */
  readonly resolveSubquery?: (e: Extract<Expr, { kind: "subquery" }>, resolver: ExprResolver) => Bound;
  /**
   * The plans whose outputs, side by side, are the resolver's input (DataFrame methods set it): a
   * column taken from a DataFrame (`planId`) resolves to that DataFrame's attribute through them.
   */
  readonly inputPlans?: readonly Plan[];
  /** Resolves a name no input column has: inside a correlated subquery, a column of the enclosing query. */
  readonly resolveOuter?: (parts: readonly string[], origin?: Origin) => Bound | undefined;
}

const BINARY_FUNCTIONS: Record<string, string> = {
  "+": "add", "-": "subtract", "*": "multiply", "/": "divide", "%": "remainder", div: "div",
  "=": "equal", "<=>": "equal_null_safe", "!=": "not_equal", "<": "less_than", "<=": "less_than_or_equal",
  ">": "greater_than", ">=": "greater_than_or_equal", "||": "concat_op",
  "&": "bitwise_and", "|": "bitwise_or", "^": "bitwise_xor",
};
const UNARY_FUNCTIONS: Record<string, string> = { "-": "unary_minus", "+": "unary_positive", not: "not", "~": "bitwise_not" };

/** Names that are function calls when no column has them (LiteralFunctionResolution), and the function. */
const LITERAL_FUNCTIONS: Record<string, string> = {
  current_date: "current_date", current_timestamp: "current_timestamp", current_time: "current_time",
  current_user: "current_user", user: "current_user", session_user: "current_user",
};

/** FunctionRegistry's cast aliases (the parser turns a one-argument call into a CAST). */
export const CAST_ALIAS_NAMES = new Set(["boolean", "tinyint", "smallint", "int", "bigint", "float", "double", "decimal", "date", "timestamp", "time", "binary", "string"]);

/** Names of the generator functions, which only the projection resolver accepts. */
export const GENERATORS = new Set(["explode", "explode_outer", "posexplode", "posexplode_outer", "inline", "inline_outer", "json_tuple"]);

/** The function name Spark prints: the name as called, lower-cased (aliases keep their own name). */
export function canonicalName(name: string): string {
  return name.toLowerCase();
}

/**
 * What the resolver made of each node it resolved, for printing (AnalyzedForm in expr_sql.ts):
 * Spark names a column after the expression its analyzer built, which depends on the operand types.
 * Keyed by node, rewritten each time the node is resolved; a node never resolved prints as written.
 */
const analyzed = new WeakMap<Expr, AnalyzedForm | null>();

/** The column name Spark would give `e` (its alias, or the pretty-printed expression as analyzed). */
export function outputName(e: Expr): string {
  if (e.kind === "alias") return e.names[0]!;
  if (e.kind === "column") {
    const a = e.parts.length === 1 ? analyzed.get(e) : undefined;
    return a ? a.text([]) : e.parts[e.parts.length - 1]!;
  }
  return prettyName(e, { canonical: canonicalName, analysis: (x) => analyzed.get(x) });
}

export class ExprResolver {
  /**
   * `outerView`: what a subquery in these expressions sees of them as its outer query, when that
   * differs from `input` (an aggregate's grouping slots, seen by the columns they group).
   */
  constructor(
    readonly input: readonly Attribute[], readonly ctx: ResolveContext,
    readonly outerView?: { readonly input: readonly Attribute[]; readonly ctx: ResolveContext },
  ) {}

  resolve(e: Expr): Bound {
    analyzed.set(e, null);
    try {
      return this.resolveInner(e);
    } catch (err) {
      if (err instanceof SluiceError && e.origin) throw err.at(e.origin);
      throw err;
    }
  }

  private bindContext(e: Expr, args: readonly Expr[]): BindContext {
    return {
      timeZone: this.ctx.timeZone,
      ansi: this.ctx.ansi,
      sql: toPrettySQL(e, canonicalName),
      argSql: args.map((a) => toPrettySQL(a, canonicalName)),
      conf: this.ctx.conf,
    };
  }

  /** Applies a registered scalar function to already-bound arguments. */
  applyFunction(name: string, args: readonly Bound[], e: Expr, argExprs: readonly Expr[]): Bound {
    const f = lookupFunction(name);
    if (!f) throw unresolvedRoutine(name, e.origin);
    if (args.length < f.minArgs || args.length > f.maxArgs || (f.kind === "scalar" && f.argCounts && !f.argCounts.includes(args.length))) {
      throw wrongNumArgs(f.name, f.minArgs, f.maxArgs, args.length, e.origin, f.argCountsShown ?? f.argCounts);
    }
    const { printed, ...bound } = f.bind(args, this.bindContext(e, argExprs));
    if (printed) analyzed.set(e, { args: argExprs, text: printed });
    return { kind: "fn", name: f.name, ...bound, args: bound.args ?? args };
  }

  /** The slot of a DataFrame's column when the input is the output of `ctx.inputPlans`. */
  private boundOrdinal(planId: number, name: string): number | undefined {
    const plans = this.ctx.inputPlans;
    if (!plans) return undefined;
    let i = 0;
    for (const p of plans) {
      for (const a of p.output) if (this.input[i++] !== a) return undefined;
    }
    if (i !== this.input.length) return undefined;
    return boundSlot(plans, planId, name, this.ctx.caseSensitive);
  }

  private resolveInner(e: Expr): Bound {
    switch (e.kind) {
      case "column": {
        // CURRENT_DATE, CURRENT_TIMESTAMP … without parentheses are columns to the parser; a name
        // no column has is the function (Spark's LiteralFunctionResolution), named `current_date()`.
        const literalFn = e.parts.length === 1 ? LITERAL_FUNCTIONS[e.parts[0]!.toLowerCase()] : undefined;
        const bound = e.planId !== undefined && e.parts.length === 1 ? this.boundOrdinal(e.planId, e.parts[0]!) : undefined;
        if (bound !== undefined) {
          const b = this.input[bound]!;
          analyzed.set(e, null);
          return { kind: "ref", ordinal: bound, type: b.type, nullable: b.nullable, name: b.name };
        }
        const a = e.ordinal !== undefined ? this.input[e.ordinal] : undefined;
        if (a && a.name.toLowerCase() === e.parts[e.parts.length - 1]!.toLowerCase()) {
          return { kind: "ref", ordinal: e.ordinal!, type: a.type, nullable: a.nullable, name: a.name };
        }
        if (!literalFn) return this.resolveColumn(e.parts, e.origin, e);
        try {
          return this.resolveColumn(e.parts, e.origin);
        } catch (err) {
          if (!(err instanceof SluiceError) || !err.code.startsWith("UNRESOLVED_COLUMN")) throw err;
          const call: Expr = { kind: "call", name: literalFn, args: [], origin: e.origin };
          const b = this.resolve(call);
          analyzed.set(e, { args: [], text: () => `${e.parts[0]!.toLowerCase() === "session_user" ? "session_user" : literalFn}()` });
          return b;
        }
      }
      case "literal":
        return this.resolveLiteral(e);
      case "alias":
        return this.resolve(e.arg);
      case "star":
        throw userError("INVALID_USAGE_OF_STAR_OR_REGEX",
          `Invalid usage of '*' in expression \`${"*"}\`.`, { sqlState: "42000", position: e.origin });
      case "binary": {
        const l = this.resolve(e.left), r = this.resolve(e.right);
        if (e.op === "and" || e.op === "or") {
          const ctx = this.bindContext(e, [e.left, e.right]);
          const left = requireBoolean(l, ctx.argSql[0]!, ctx.sql, 1), right = requireBoolean(r, ctx.argSql[1]!, ctx.sql, 2);
          return { kind: e.op, left, right, type: BOOLEAN, nullable: left.nullable || right.nullable };
        }
        return this.applyFunction(BINARY_FUNCTIONS[e.op]!, [l, r], e, [e.left, e.right]);
      }
      case "unary":
        return this.applyFunction(UNARY_FUNCTIONS[e.op]!, [this.resolve(e.arg)], e, [e.arg]);
      case "cast": {
        const arg = this.resolve(e.arg);
        const ctx = this.bindContext(e, [e.arg]);
        const tryMode = e.mode === "try";
        // Cast.checkInputDataTypes: TIME only when spark.sql.timeType.enabled.
        if (e.to.kind === "time") requireTimeType(this.ctx.conf);
        if (!canCast(arg.type, e.to, ctx.ansi, tryMode)) throw castTypeCheckError(arg.type, e.to, ctx.sql, tryMode ? "try" : ctx.ansi ? "ansi" : "legacy");
        const cast = castBound(arg, e.to, ctx, tryMode);
        // CAST(1 AS INT) stays a cast, not the literal 1: Spark's coercion rules (DecimalPrecision's
        // digits of an integral literal) see a Cast node there.
        if (cast === arg && arg.kind === "lit" && arg.value !== null) {
          return { kind: "fn", name: "cast", args: [arg], type: arg.type, nullable: arg.nullable, impl: (v: unknown) => v, inline: (a: readonly string[]) => a[0]!, exactMicros: true };
        }
        return cast;
      }
      case "isNull":
        return this.applyFunction(e.negated ? "isnotnull" : "isnull", [this.resolve(e.arg)], e, [e.arg]);
      case "in": {
        const args = [e.arg, ...e.list].map((a) => this.resolve(a));
        const r = this.applyFunction("in", args, e, [e.arg, ...e.list]);
        return e.negated ? this.applyFunction("not", [r], e, [e]) : r;
      }
      case "between": {
        // Spark evaluates BETWEEN as (x >= low AND x <= high), with x computed once.
        const x = this.resolve(e.arg);
        if (x.kind === "fn" && x.deterministic === false) {
          const [lo, hi] = [this.resolve(e.low), this.resolve(e.high)];
          const slot = (i: number, b: Bound): Bound => ({ kind: "ref", ordinal: i, type: b.type, nullable: b.nullable, name: `#b${i}` });
          const geB = this.applyFunction("greater_than_or_equal", [slot(0, x), slot(1, lo)], e, [e.arg, e.low]);
          const leB = this.applyFunction("less_than_or_equal", [slot(0, x), slot(2, hi)], e, [e.arg, e.high]);
          analyzed.set(e, null);
          const [ge, le] = [compileExpression(geB), compileExpression(leB)];
          const once: Bound = {
            kind: "fn", name: "between", args: [x, lo, hi], type: BOOLEAN, nullable: true, nullSafe: true, deterministic: false,
            impl: (v: unknown, l: unknown, h: unknown) => {
              const row = [v, l, h];
              const a = ge(row);
              if (a === false) return false;
              const b = le(row);
              if (b === false) return false;
              return a === null || b === null ? null : true;
            },
          };
          return e.negated ? this.applyFunction("not", [once], e, [e]) : once;
        }
        const ge = this.applyFunction("greater_than_or_equal", [x, this.resolve(e.low)], e, [e.arg, e.low]);
        const le = this.applyFunction("less_than_or_equal", [x, this.resolve(e.high)], e, [e.arg, e.high]);
        const both: Bound = { kind: "and", left: ge, right: le, type: BOOLEAN, nullable: ge.nullable || le.nullable };
        // The comparisons' names are not BETWEEN's: it prints as between(x, low, high).
        analyzed.set(e, null);
        return e.negated ? this.applyFunction("not", [both], e, [e]) : both;
      }
      case "like": {
        const args = [this.resolve(e.arg), this.resolve(e.pattern)];
        if (e.escape !== undefined) args.push({ kind: "lit", value: e.escape, type: args[1]!.type, nullable: false });
        const r = this.applyFunction(e.mode, args, e, [e.arg, e.pattern]);
        return e.negated ? this.applyFunction("not", [r], e, [e]) : r;
      }
      case "case":
        return this.resolveCase(e);
      case "getField":
        return getField(this.resolve(e.arg), e.name, e.origin);
      case "getItem":
        return this.applyFunction("get_item", [this.resolve(e.arg), this.resolve(e.key)], e, [e.arg, e.key]);
      case "call":
        return this.resolveCall(e);
      case "sortOrder":
        return this.resolve(e.arg);
      case "lambda":
        throw userError("UNSUPPORTED_FEATURE.LAMBDA", "Lambda functions are only allowed as arguments of higher-order functions.", { position: e.origin });
      case "subquery":
        if (this.ctx.resolveSubquery) {
          const b = this.ctx.resolveSubquery(e, this);
          // Spark names a correlated subquery after its outer references: scalarsubquery(x, y).
          const outer = b.kind === "fn" ? (e.mode === "in" ? b.args.slice(1) : b.args) : [];
          if (outer.length > 0 && outer.every((a) => a.kind === "ref")) {
            const names = outer.map((a) => (a as Extract<Bound, { kind: "ref" }>).name).join(", ");
            if (e.mode === "scalar") analyzed.set(e, { args: [], text: () => `scalarsubquery(${names})` });
            else if (e.mode === "exists") analyzed.set(e, { args: [], text: () => `exists(${names})` });
            else analyzed.set(e, { args: [e.arg!], text: ([a]) => `(${a} IN (listquery(${names})))` });
          }
          return b;
        }
        throw userError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY", "Subqueries are not supported in this expression.", { position: e.origin, sqlState: "0A000" });
      default: {
        const never: never = e;
        throw new Error(`resolve: unknown expression ${JSON.stringify(never)}`);
      }
    }
  }

  private resolveCall(e: Extract<Expr, { kind: "call" }>): Bound {
    const name = e.name.toLowerCase();
    if (GENERATORS.has(name)) {
      throw userError("UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS",
        `The generator is not supported: nested in expressions "${toPrettySQL(e, canonicalName)}".`, { sqlState: "42K0E", position: e.origin });
    }
    // Lazy forms: coalesce and if evaluate only the arguments they need (nvl is coalesce, nvl2 an if).
    if (name === "coalesce" || name === "nvl" || name === "ifnull") {
      if (name === "coalesce" && e.args.length < 1) throw wrongNumArgs("coalesce", 1, Infinity, 0, e.origin);
      if (name !== "coalesce" && e.args.length !== 2) throw wrongNumArgs(name, 2, 2, e.args.length, e.origin);
      const args = e.args.map((a) => this.resolve(a));
      // Spark's Nvl is replaced by coalesce(…) before its types are checked, so errors name coalesce.
      const ctx = this.bindContext(name === "coalesce" ? e : { ...e, name: "coalesce" }, e.args);
      const t = commonType(args.map((a) => a.type), ctx);
      const cast = args.map((a) => implicitCast(a, t, ctx));
      return { kind: "coalesce", args: cast, type: t, nullable: cast.every((a) => a.nullable) };
    }
    if (name === "if" || name === "iff") {
      if (e.args.length !== 3) throw wrongNumArgs("if", 3, 3, e.args.length, e.origin);
      return this.resolveCase({ kind: "case", branches: [{ when: e.args[0]!, then: e.args[1]! }], otherwise: e.args[2]!, origin: e.origin });
    }
    if (name === "nvl2") {
      if (e.args.length !== 3) throw wrongNumArgs("nvl2", 3, 3, e.args.length, e.origin);
      const notNull: Expr = { kind: "isNull", arg: e.args[0]!, negated: true, origin: e.origin };
      return this.resolveCase({ kind: "case", branches: [{ when: notNull, then: e.args[1]! }], otherwise: e.args[2]!, origin: e.origin });
    }
    if (name === "decode" && e.args.length >= 3) return this.resolveCase(decodeCase(e));
    // NaNvl evaluates its second argument only when the first is NaN (nanvl(x, 1/0) does not fail).
    if (name === "nanvl" && e.args.length === 2) {
      const typed = this.applyFunction("nanvl", e.args.map((a) => this.resolve(a)), e, e.args);
      const [a, b] = (typed as Extract<Bound, { kind: "fn" }>).args as [Bound, Bound];
      const isNan = this.applyFunction("isnan", [a], e, [e.args[0]!]);
      return { kind: "case", branches: [{ when: isNan, then: b }], otherwise: a, type: typed.type, nullable: typed.nullable };
    }
    // zeroifnull(x) is Spark's nvl(x, 0); nullifzero(x) is if(x = 0, NULL, x).
    if ((name === "zeroifnull" || name === "nullifzero") && e.args.length !== 1) throw wrongNumArgs(name, 1, 1, e.args.length, e.origin);
    if (name === "zeroifnull") {
      return this.resolveCall({ ...e, name: "nvl", args: [e.args[0]!, { kind: "literal", value: 0, type: INT, origin: e.origin }] });
    }
    if (name === "nullifzero") {
      const x = e.args[0]!;
      const isZero: Expr = { kind: "binary", op: "=", left: x, right: { kind: "literal", value: 0, type: INT, origin: e.origin }, origin: e.origin };
      return this.resolveCase({ kind: "case", branches: [{ when: isZero, then: { kind: "literal", value: null, type: NULL, origin: e.origin } }], otherwise: x, origin: e.origin });
    }
    if (CAST_ALIAS_NAMES.has(name)) throw wrongNumArgs(name, 1, 1, e.args.length, e.origin);
    if (name === "count" && e.args.length === 1 && e.args[0]!.kind === "star") {
      return this.applyFunction("count", [{ kind: "lit", value: 1, type: BOOLEAN, nullable: false }], e, e.args);
    }
    // Spark's LookupFunctions runs before arguments resolve: an unknown function is reported first.
    if (!lookupFunction(name)) throw unresolvedRoutine(name, e.origin);
    const args = e.args.map((a) => this.resolve(a));
    return this.applyFunction(name, args, e, e.args);
  }

  private resolveCase(e: Extract<Expr, { kind: "case" }>): Bound {
    const ctx = this.bindContext(e, []);
    const operand = e.operand ? this.resolve(e.operand) : undefined;
    const whens = e.branches.map((b) => {
      if (!operand) return requireBoolean(this.resolve(b.when), toPrettySQL(b.when, canonicalName), ctx.sql, 1);
      return this.applyFunction("equal", [operand, this.resolve(b.when)], e, [e.operand!, b.when]);
    });
    const values = [...e.branches.map((b) => this.resolve(b.then)), e.otherwise ? this.resolve(e.otherwise) : undefined];
    const known = values.filter((v): v is Bound => v !== undefined);
    const t = commonType(known.map((v) => v.type), ctx);
    const otherwise: Bound = values[values.length - 1] ? implicitCast(values[values.length - 1]!, t, ctx) : { kind: "lit", value: null, type: t, nullable: true };
    const branches = e.branches.map((_, i) => ({ when: whens[i]!, then: implicitCast(values[i]!, t, ctx) }));
    return { kind: "case", branches, otherwise, type: t, nullable: otherwise.nullable || branches.some((b) => b.then.nullable) };
  }

  /**
   * A zone-less TIMESTAMP literal left by the parser is read in the session time zone, and every
   * TIMESTAMP literal prints in it (Spark's Literal.sql).
   */
  private resolveLiteral(e: Extract<Expr, { kind: "literal" }>): Bound {
    let value = e.value;
    if (e.type.kind === "timestamp" && typeof value === "number") {
      const zone = this.ctx.timeZone;
      if (e.localTime) value = getTimeZone(zone).toUtc(value);
      const text = `TIMESTAMP '${formatTimestamp(value as number, zone)}'`;
      analyzed.set(e, { args: [], text: () => text });
    }
    return { kind: "lit", value, type: e.type, nullable: value === null };
  }

  /** Finds the attribute named by `parts` (qualifier and nested fields allowed). */
  resolveColumn(parts: readonly string[], origin?: Origin, node?: Expr): Bound {
    const eq = this.ctx.caseSensitive ? (a: string, b: string) => a === b : (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    const find = (name: string, qualifier?: string) =>
      this.input.map((a, i) => ({ a, i })).filter(({ a }) => eq(a.name, name) && (qualifier === undefined || (a.qualifier !== undefined && eq(a.qualifier, qualifier))));
    let matches: { a: Attribute; i: number }[] = [];
    let rest: readonly string[] = [];
    if (parts.length >= 2) {
      matches = find(parts[1]!, parts[0]!);
      rest = parts.slice(2);
    }
    if (matches.length === 0) {
      matches = find(parts[0]!);
      rest = parts.slice(1);
    }
    if (matches.length > 1) {
      const names = matches.map(({ a }) => (a.qualifier ? `${quoteIdent(a.qualifier)}.` : "") + quoteIdent(a.name));
      throw userError("AMBIGUOUS_REFERENCE", `Reference ${parts.map(quoteIdent).join(".")} is ambiguous, could be: [${names.join(", ")}].`, { sqlState: "42704", position: origin });
    }
    if (matches.length === 0) {
      const outer = this.ctx.resolveOuter?.(parts, origin);
      if (outer) return outer;
      throw unresolvedColumn(parts, this.input, origin);
    }
    const { a, i } = matches[0]!;
    // Spark prints a resolved attribute without its qualifier: sum(t.v) is named sum(v).
    if (parts.length - rest.length === 2 && node) {
      const text = parts.slice(1).join(".");
      analyzed.set(node, { args: [], text: () => text });
    }
    let b: Bound = { kind: "ref", ordinal: i, type: a.type, nullable: a.nullable, name: a.name };
    for (const f of rest) b = getField(b, f, origin);
    return b;
  }
}

/**
 * decode(expr, search, result, …[, default]) is Spark's Decode: CASE WHEN expr <=> search THEN
 * result … ELSE default (a NULL string when none) END.
 */
function decodeCase(e: Extract<Expr, { kind: "call" }>): Extract<Expr, { kind: "case" }> {
  const [input, ...rest] = e.args;
  const branches: { when: Expr; then: Expr }[] = [];
  let otherwise: Expr = { kind: "literal", value: null, type: STRING, origin: e.origin };
  for (let i = 0; i < rest.length; i += 2) {
    if (i + 1 < rest.length) branches.push({ when: { kind: "binary", op: "<=>", left: input!, right: rest[i]!, origin: e.origin }, then: rest[i + 1]! });
    else otherwise = rest[i]!;
  }
  return { kind: "case", branches, otherwise, origin: e.origin };
}

export function unresolvedColumn(parts: readonly string[], input: readonly Attribute[], origin?: Origin): SluiceError {
  const name = parts.map(quoteIdent).join(".");
  const candidates = input.map((a) => (a.qualifier ? `${quoteIdent(a.qualifier)}.` : "") + quoteIdent(a.name));
  if (candidates.length === 0) {
    return userError("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", `A column, variable, or function parameter with name ${name} cannot be resolved.`, { sqlState: "42703", position: origin });
  }
  const close = suggest(name, candidates, 5);
  return userError("UNRESOLVED_COLUMN.WITH_SUGGESTION",
    `A column, variable, or function parameter with name ${name} cannot be resolved. Did you mean one of the following? [${close.join(", ")}].`,
    { sqlState: "42703", position: origin });
}

export function unresolvedRoutine(name: string, origin?: Origin): SluiceError {
  return userError("UNRESOLVED_ROUTINE",
    `Cannot resolve routine ${quoteIdent(name)} on search path [\`system\`.\`builtin\`, \`system\`.\`session\`, \`spark_catalog\`.\`default\`].`,
    { sqlState: "42883", position: origin });
}

function wrongNumArgs(name: string, min: number, max: number, actual: number, origin?: Origin, counts?: readonly number[]): SluiceError {
  const expected = counts ? `[${counts.join(", ")}]` : min === max ? `${min}` : max === Infinity ? `> ${min - 1}` : `[${min}, ${max}]`;
  return userError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
    `The \`${name}\` requires ${expected} parameters but the actual number is ${actual}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`,
    { sqlState: "42605", position: origin });
}

function requireBoolean(b: Bound, argSql: string, sql: string, ordinal: number): Bound {
  if (b.type.kind === "boolean" || b.type.kind === "null") return b;
  const nth = ordinal === 1 ? "first" : "second";
  throw userError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
    `Cannot resolve "${sql}" due to data type mismatch: The ${nth} parameter requires the "BOOLEAN" type, however "${argSql}" has the type "${b.type.sql()}".`,
    { sqlState: "42K09" });
}

/** Struct field access by name (case-insensitive), as `s.f` or Column.getField("f"). */
export function getField(b: Bound, name: string, origin?: Origin): Bound {
  const t: DataType = b.type;
  if (t instanceof StructType) {
    const i = t.fieldIndex(name);
    if (i < 0) {
      throw userError("FIELD_NOT_FOUND", `No such struct field ${quoteIdent(name)} in ${t.fields.map((f) => quoteIdent(f.name)).join(", ")}.`, { sqlState: "42704", position: origin });
    }
    const f = t.fields[i]!;
    return { kind: "fn", name: "get_field", args: [b], type: f.dataType, nullable: b.nullable || f.nullable, impl: (s: unknown[]) => s[i], inline: ([s]) => `${s}[${i}]` };
  }
  if (t instanceof ArrayType && t.elementType instanceof StructType) {
    // arr.f on an array of structs gives the array of that field (Spark's GetArrayStructFields).
    const st = t.elementType, i = st.fieldIndex(name);
    if (i < 0) throw userError("FIELD_NOT_FOUND", `No such struct field ${quoteIdent(name)} in ${st.fields.map((f) => quoteIdent(f.name)).join(", ")}.`, { sqlState: "42704", position: origin });
    const f = st.fields[i]!;
    return { kind: "fn", name: "get_field", args: [b], type: new ArrayType(f.dataType, t.containsNull || f.nullable), nullable: b.nullable, impl: (a: (unknown[] | null)[]) => a.map((s) => (s === null ? null : s[i])) };
  }
  if (t instanceof MapType) {
    throw userError("INVALID_EXTRACT_FIELD_TYPE", `Field name should be a non-null string literal, but it's ${quoteIdent(name)}.`, { sqlState: "42000", position: origin });
  }
  throw userError("INVALID_EXTRACT_BASE_FIELD_TYPE", `Can't extract a value from "${b.kind === "ref" ? b.name : "expression"}". Need a complex type [STRUCT, ARRAY, MAP] but got "${t.sql()}".`, { sqlState: "42000", position: origin });
}
