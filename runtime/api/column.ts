// Column: PySpark's Column, wrapping an unresolved expression. TypeScript has no operator
// overloading, so `col("a") + 1` is written `col("a").plus(1)` (Scala's method names).
import type { Expr, SortOrderExpr, WindowSpec } from "../expr/expr.ts";
import { parseExpression } from "../sql/parse_expression.ts";
import { userError } from "../errors.ts";
import { requireColumn, requireColumnOrName, requireStr } from "./arguments.ts";
import {
  BINARY, BOOLEAN, DATE, DOUBLE, INT, LONG, NULL, STRING, TIMESTAMP,
  type DataType, parseTypeName, ArrayType, MapType, StructField, StructType,
} from "../types/data_type.ts";
import { toCanonicalLong } from "../types/long.ts";

/** Anything PySpark accepts where a column is expected: a Column or a plain value (a literal). */
export type ColumnOrValue = Column | string | number | boolean | bigint | null | Date | Uint8Array | unknown[];

const frozen = <T extends Expr>(e: T): T => Object.freeze(e);

export class Column {
  constructor(readonly expr: Expr) {}

  // ---- arithmetic and comparison (Scala names; PySpark's operators) ----
  plus(o: ColumnOrValue): Column { return this.bin("+", o); }
  minus(o: ColumnOrValue): Column { return this.bin("-", o); }
  multiply(o: ColumnOrValue): Column { return this.bin("*", o); }
  divide(o: ColumnOrValue): Column { return this.bin("/", o); }
  mod(o: ColumnOrValue): Column { return this.bin("%", o); }
  equalTo(o: ColumnOrValue): Column { return this.bin("=", o); }
  eq(o: ColumnOrValue): Column { return this.bin("=", o); }
  notEqual(o: ColumnOrValue): Column { return this.bin("!=", o); }
  ne(o: ColumnOrValue): Column { return this.bin("!=", o); }
  eqNullSafe(o: ColumnOrValue): Column { return this.bin("<=>", o); }
  gt(o: ColumnOrValue): Column { return this.bin(">", o); }
  geq(o: ColumnOrValue): Column { return this.bin(">=", o); }
  ge(o: ColumnOrValue): Column { return this.bin(">=", o); }
  lt(o: ColumnOrValue): Column { return this.bin("<", o); }
  leq(o: ColumnOrValue): Column { return this.bin("<=", o); }
  le(o: ColumnOrValue): Column { return this.bin("<=", o); }
  and(o: ColumnOrValue): Column { return this.bin("and", o); }
  or(o: ColumnOrValue): Column { return this.bin("or", o); }
  not(): Column { return new Column(frozen({ kind: "unary", op: "not", arg: this.expr })); }
  negate(): Column { return new Column(frozen({ kind: "unary", op: "-", arg: this.expr })); }
  bitwiseAND(o: ColumnOrValue): Column { return this.bin("&", o); }
  bitwiseOR(o: ColumnOrValue): Column { return this.bin("|", o); }
  bitwiseXOR(o: ColumnOrValue): Column { return this.bin("^", o); }

  // ---- predicates ----
  isNull(): Column { return new Column(frozen({ kind: "isNull", arg: this.expr, negated: false })); }
  isNotNull(): Column { return new Column(frozen({ kind: "isNull", arg: this.expr, negated: true })); }
  isNaN(): Column { return new Column(frozen({ kind: "call", name: "isnan", args: [this.expr] })); }
  /** `isin(1, 2, 3)` or `isin([1, 2, 3])`, as in PySpark. */
  isin(...values: (ColumnOrValue | ColumnOrValue[])[]): Column {
    const list = values.length === 1 && Array.isArray(values[0]) ? (values[0] as ColumnOrValue[]) : (values as ColumnOrValue[]);
    return new Column(frozen({ kind: "in", arg: this.expr, list: list.map(toExpr), negated: false }));
  }
  between(low: ColumnOrValue, high: ColumnOrValue): Column {
    return new Column(frozen({ kind: "between", arg: this.expr, low: toExpr(low), high: toExpr(high), negated: false }));
  }
  like(pattern: string): Column { return this.likeOf("like", pattern); }
  ilike(pattern: string): Column { return this.likeOf("ilike", pattern); }
  rlike(pattern: string): Column { return this.likeOf("rlike", pattern); }
  startswith(o: ColumnOrValue): Column { return callOf("startswith", this, o); }
  endswith(o: ColumnOrValue): Column { return callOf("endswith", this, o); }
  contains(o: ColumnOrValue): Column { return callOf("contains", this, o); }
  substr(start: ColumnOrValue, length: ColumnOrValue): Column { return callOf("substring", this, start, length); }

  // ---- naming, types, ordering ----
  alias(...names: string[]): Column {
    return new Column(frozen({ kind: "alias", arg: this.expr, names }));
  }
  as(...names: string[]): Column { return this.alias(...names); }
  name(name: string): Column { return this.alias(name); }
  /** cast("int"), cast("decimal(10,2)"), cast(new T.IntegerType()) */
  cast(to: DataType | string): Column {
    const t = typeof to === "string" ? parseTypeName(to) : to;
    return new Column(frozen({ kind: "cast", arg: this.expr, to: t, mode: "cast" }));
  }
  astype(to: DataType | string): Column { return this.cast(to); }
  try_cast(to: DataType | string): Column {
    const t = typeof to === "string" ? parseTypeName(to) : to;
    return new Column(frozen({ kind: "cast", arg: this.expr, to: t, mode: "try" }));
  }
  tryCast(to: DataType | string): Column { return this.try_cast(to); }
  asc(): Column { return this.sort(true, true); }
  desc(): Column { return this.sort(false, false); }
  asc_nulls_first(): Column { return this.sort(true, true); }
  asc_nulls_last(): Column { return this.sort(true, false); }
  desc_nulls_first(): Column { return this.sort(false, true); }
  desc_nulls_last(): Column { return this.sort(false, false); }
  ascNullsFirst(): Column { return this.asc_nulls_first(); }
  ascNullsLast(): Column { return this.asc_nulls_last(); }
  descNullsFirst(): Column { return this.desc_nulls_first(); }
  descNullsLast(): Column { return this.desc_nulls_last(); }

  // ---- nested data ----
  getField(name: string): Column { return new Column(frozen({ kind: "getField", arg: this.expr, name })); }
  getItem(key: ColumnOrValue): Column { return new Column(frozen({ kind: "getItem", arg: this.expr, key: toExpr(key) })); }
  dropFields(...names: string[]): Column { return callOf("drop_fields", this, ...names.map((n) => lit(n))); }

  // ---- CASE WHEN ----
  /** Adds a branch to a `when(...)` chain. */
  when(condition: Column, value: ColumnOrValue): Column {
    requireColumn(condition, "condition");
    const e = this.expr;
    if (e.kind !== "case" || e.otherwise !== undefined) {
      throw userError("INVALID_WHEN_USAGE", "when() can only be applied on a Column previously generated by when() function, and cannot be applied once otherwise() is applied.", { hint: "Start the chain with F.when(condition, value)." });
    }
    return new Column(frozen({ ...e, branches: [...e.branches, { when: condition.expr, then: toExpr(value) }] }));
  }
  otherwise(value: ColumnOrValue): Column {
    const e = this.expr;
    if (e.kind !== "case" || e.otherwise !== undefined) {
      throw userError("INVALID_OTHERWISE_USAGE", "otherwise() can only be applied on a Column previously generated by when(), and only once.", { hint: "Start the chain with F.when(condition, value)." });
    }
    return new Column(frozen({ ...e, otherwise: toExpr(value) }));
  }

  /** Window function over a window spec (batch queries; Spark rejects non-time windows on streams). */
  over(spec: WindowSpecBuilder): Column {
    if (this.expr.kind !== "call") throw userError("UNSUPPORTED_EXPR_FOR_WINDOW", "Expression not supported within a window function.", { sqlState: "42P20" });
    return new Column(frozen({ ...this.expr, over: spec.spec }));
  }

  toString(): string {
    return `Column<'${this.expr.kind === "column" ? this.expr.parts.join(".") : this.expr.kind}'>`;
  }

  /**
   * JavaScript's operators cannot build expressions: `col * 2` or `col > 3` would silently become
   * NaN or false (and a NaN passed where a value is allowed would be a NaN literal). So they throw
   * here, where the operator is written; only text conversion (`${col}`, String(col)) is allowed.
   */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === "string") return this.toString();
    throw userError("JS_OPERATOR_ON_COLUMN", `${this.toString()} was used with a JavaScript operator (\`*\`, \`+\`, \`>\`, \`==\`, …), which cannot build a Spark expression: TypeScript has no operator overloading.`, {
      hint: "Use the Column's methods: .plus() for +, .minus() for -, .multiply() for *, .divide() for /, .mod() for %, " +
        ".gt() for >, .geq() for >=, .lt() for <, .leq() for <=, .equalTo() for ==, .notEqual() for !=, .and() for &, .or() for |, .not() for ~. " +
        "Or write the expression as SQL: F.expr(\"a * 2\").",
    });
  }

  private bin(op: Extract<Expr, { kind: "binary" }>["op"], o: ColumnOrValue): Column {
    return new Column(frozen({ kind: "binary", op, left: this.expr, right: toExpr(o) }));
  }
  private likeOf(mode: "like" | "ilike" | "rlike", pattern: string): Column {
    return new Column(frozen({ kind: "like", mode, arg: this.expr, pattern: toExpr(pattern), negated: false }));
  }
  private sort(ascending: boolean, nullsFirst: boolean): Column {
    const arg = this.expr.kind === "sortOrder" ? this.expr.arg : this.expr;
    return new Column(frozen({ kind: "sortOrder", arg, ascending, nullsFirst } satisfies SortOrderExpr));
  }
}

/** PySpark's Window.partitionBy(...).orderBy(...).rowsBetween(...). */
export class WindowSpecBuilder {
  constructor(readonly spec: WindowSpec = { partitionBy: [], orderBy: [] }) {}
  partitionBy(...cols: (Column | string)[]): WindowSpecBuilder {
    return new WindowSpecBuilder({ ...this.spec, partitionBy: cols.map((c) => toColumn(c).expr) });
  }
  orderBy(...cols: (Column | string)[]): WindowSpecBuilder {
    const orders = cols.map((c) => {
      const e = toColumn(c).expr;
      return e.kind === "sortOrder" ? e : ({ kind: "sortOrder", arg: e, ascending: true, nullsFirst: true } as SortOrderExpr);
    });
    return new WindowSpecBuilder({ ...this.spec, orderBy: orders });
  }
  rowsBetween(start: number, end: number): WindowSpecBuilder {
    return new WindowSpecBuilder({ ...this.spec, frame: { type: "rows", start: frameBound(start), end: frameBound(end) } });
  }
  rangeBetween(start: number, end: number): WindowSpecBuilder {
    return new WindowSpecBuilder({ ...this.spec, frame: { type: "range", start: frameBound(start), end: frameBound(end) } });
  }
}

const UNBOUNDED = 2 ** 63;
function frameBound(n: number) {
  if (n <= -UNBOUNDED || n === -Infinity) return "unboundedPreceding" as const;
  if (n >= UNBOUNDED || n === Infinity) return "unboundedFollowing" as const;
  return n === 0 ? ("currentRow" as const) : n;
}

export const Window = {
  unboundedPreceding: -UNBOUNDED,
  unboundedFollowing: UNBOUNDED,
  currentRow: 0,
  partitionBy: (...cols: (Column | string)[]) => new WindowSpecBuilder().partitionBy(...cols),
  orderBy: (...cols: (Column | string)[]) => new WindowSpecBuilder().orderBy(...cols),
};

/** A column by name: "a", "t.a", "s.field", "`odd name`", or "*". */
export function col(name: string): Column {
  requireStr(name, "col", typeof name === "number" ? `A column is named by a string: F.col("name"); for the constant ${name} write F.lit(${name}).` : undefined);
  if (name === "*") return new Column(frozen({ kind: "star" }));
  if (name.endsWith(".*")) return new Column(frozen({ kind: "star", qualifier: splitName(name.slice(0, -2)) }));
  return new Column(frozen({ kind: "column", parts: splitName(name) }));
}

/** Splits a dotted column name, honouring backquotes as Spark does: "a.`b.c`" -> ["a", "b.c"]. */
export function splitName(name: string): string[] {
  const parts: string[] = [];
  let cur = "", quoted = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    if (ch === "`") {
      if (quoted && name[i + 1] === "`") { cur += "`"; i++; continue; }
      quoted = !quoted;
    } else if (ch === "." && !quoted) {
      parts.push(cur);
      cur = "";
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts;
}

/** A literal column: the type follows PySpark's inference (int if it fits, else bigint; double; string …). */
export function lit(value: ColumnOrValue): Column {
  if (value instanceof Column) return value;
  return new Column(literalExpr(value));
}

export function literalExpr(value: unknown): Expr {
  const [v, t] = inferLiteral(value);
  return frozen({ kind: "literal", value: v, type: t });
}

function inferLiteral(value: unknown): [unknown, DataType] {
  if (value === null || value === undefined) return [null, NULL];
  switch (typeof value) {
    case "boolean":
      return [value, BOOLEAN];
    case "string":
      return [value, STRING];
    case "bigint": {
      const l = toCanonicalLong(value);
      if (l !== null) return [l, LONG];
      throw userError("UNSUPPORTED_LITERAL", `Cannot make a BIGINT literal of ${value}n: it is outside the range -9223372036854775808 to 9223372036854775807.`, {
        hint: `For a bigger number use a decimal: expr("${value}BD") or lit("${value}").cast("decimal(38,0)").`,
      });
    }
    case "number":
      if (Number.isInteger(value) && !Object.is(value, -0)) {
        if (value >= -2147483648 && value <= 2147483647) return [value, INT];
        if (Number.isSafeInteger(value)) return [value, LONG];
        // Beyond the long range the number can only be meant as a double.
        if (value >= 9223372036854775807 || value < -9223372036854775808) return [value, DOUBLE];
        // Beyond 2^53 a JS number is already rounded: the literal would not be the value the code shows.
        throw userError("UNSUPPORTED_LITERAL", `Cannot make an exact literal of the number ${value}: integers beyond ±(2^53 - 1) are not exact in JavaScript.`, {
          hint: `Pass a bigint (${BigInt(value)}n, or BigInt("…") from text) for a BIGINT literal, or a number with a fraction for a DOUBLE.`,
        });
      }
      return [value, DOUBLE];
  }
  if (value instanceof Date) return [value.getTime() * 1000, TIMESTAMP];
  if (value instanceof Uint8Array) return [value, BINARY];
  if (Array.isArray(value)) {
    const items = value.map(inferLiteral);
    const et = items.find(([, t]) => t !== NULL)?.[1] ?? NULL;
    return [items.map(([v]) => v), new ArrayType(et, items.some(([v]) => v === null))];
  }
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([k, v]) => [inferLiteral(k), inferLiteral(v)] as const);
    const kt = entries[0]?.[0][1] ?? NULL, vt = entries.find(([, [, t]]) => t !== NULL)?.[1][1] ?? NULL;
    return [new Map(entries.map(([[k], [v]]) => [k, v])), new MapType(kt, vt)];
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, inferLiteral(v)] as const);
    return [entries.map(([, [v]]) => v), new StructType(entries.map(([k, [, t]]) => new StructField(k, t, true)))];
  }
  throw userError("UNSUPPORTED_LITERAL", `Cannot make a literal of ${String(value)} (${typeof value}).`, { hint: "Pass a string, number, boolean, bigint, Date, Uint8Array, array, Map, plain object or null." });
}

/** Where PySpark takes "a column or its name": strings are column names; anything else is NOT_COLUMN_OR_STR. */
export function toColumn(c: Column | string, argName = "col"): Column {
  const checked = requireColumnOrName(c, argName);
  return typeof checked === "string" ? col(checked) : checked;
}

/** Where PySpark takes "a column or a value": strings are literals. */
export function toExpr(v: ColumnOrValue): Expr {
  return v instanceof Column ? v.expr : literalExpr(v);
}

export function callOf(name: string, ...args: ColumnOrValue[]): Column {
  return new Column(frozen({ kind: "call", name, args: args.map(toExpr) }));
}

/**
 * expr("a + 1"): a Spark SQL expression string. Parsed without a time zone: Spark parses the text
 * only when the Column is used, so zone-less TIMESTAMP literals are read in the session time zone
 * of the query that uses it (the analyzer does that).
 */
export function expr(text: string): Column {
  requireStr(text, "str", 'F.expr takes Spark SQL text: F.expr("a * 2").');
  return new Column(parseExpression(text));
}

export { DATE };
