// Unresolved expression nodes: what the Column API and the SQL parser build. Plain frozen data
// tagged with `kind` (kysely style); the analyzer turns them into bound expressions (bound.ts).
import type { DataType } from "../types/data_type.ts";

/** Where a node came from inside a user's text, for carets in error messages. */
export interface Origin {
  text: string;
  start: number;
  end: number;
}

export type BinaryOp =
  | "+" | "-" | "*" | "/" | "%" | "div"
  | "=" | "<=>" | "!=" | "<" | "<=" | ">" | ">="
  | "and" | "or" | "||" | "&" | "|" | "^";

export type UnaryOp = "-" | "+" | "not" | "~";

export interface WindowSpec {
  partitionBy: readonly Expr[];
  orderBy: readonly SortOrderExpr[];
  frame?: WindowFrame;
}

export interface WindowFrame {
  type: "rows" | "range";
  /** "unboundedPreceding" | "currentRow" | "unboundedFollowing" | a number of rows/offset (negative = preceding). */
  start: FrameBound;
  end: FrameBound;
}
/**
 * A frame boundary: the special ones, an INT row count / offset (negative = preceding), or any
 * other foldable value `n PRECEDING|FOLLOWING` (RANGE offsets of other types: 2.5, INTERVAL …).
 */
export type FrameBound = "unboundedPreceding" | "currentRow" | "unboundedFollowing" | number | ValueFrameBound;
export interface ValueFrameBound {
  readonly kind: "value";
  readonly value: Expr;
  readonly preceding: boolean;
}

export type Expr =
  /**
   * A column reference. `parts` are the dotted name parts, unresolved: `t.a.b` -> ["t","a","b"].
   * `ordinal`: the position in the input a `*` expanded it from, when the name alone is ambiguous.
   */
  /** `planId`: taken from a DataFrame (df.col("k")): resolves to that DataFrame's column (plan/plan_ids.ts). */
  | { readonly kind: "column"; readonly parts: readonly string[]; readonly ordinal?: number; readonly planId?: number; readonly origin?: Origin }
  /**
   * A literal. `localTime`: a TIMESTAMP literal written without a zone and parsed without a session
   * time zone (F.expr(), which Spark parses only when the Column is used): `value` is its wall-clock
   * time as micros in UTC, read in the session time zone by the analyzer.
   */
  | { readonly kind: "literal"; readonly value: unknown; readonly type: DataType; readonly localTime?: boolean; readonly origin?: Origin }
  /** `*` or `t.*` */
  | { readonly kind: "star"; readonly qualifier?: readonly string[]; readonly origin?: Origin }
  /** A function call by name: scalar, aggregate, generator or window function (resolved by the analyzer). */
  | {
    readonly kind: "call";
    readonly name: string;
    readonly args: readonly Expr[];
    readonly distinct?: boolean;
    readonly over?: WindowSpec;
    readonly filter?: Expr;
    readonly origin?: Origin;
  }
  | { readonly kind: "unary"; readonly op: UnaryOp; readonly arg: Expr; readonly origin?: Origin }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly origin?: Origin }
  /** CAST(x AS t) (ansi) or TRY_CAST(x AS t). */
  /** `alias`: written as a FunctionRegistry cast alias (`int(x)`), which column names print as its argument. */
  | { readonly kind: "cast"; readonly arg: Expr; readonly to: DataType; readonly mode: "cast" | "try"; readonly alias?: string; readonly origin?: Origin }
  /** CASE [operand] WHEN … THEN … [ELSE …] END; also when()/otherwise(). */
  | {
    readonly kind: "case";
    readonly operand?: Expr;
    readonly branches: readonly { readonly when: Expr; readonly then: Expr }[];
    readonly otherwise?: Expr;
    readonly origin?: Origin;
  }
  | { readonly kind: "in"; readonly arg: Expr; readonly list: readonly Expr[]; readonly negated: boolean; readonly origin?: Origin }
  | { readonly kind: "between"; readonly arg: Expr; readonly low: Expr; readonly high: Expr; readonly negated: boolean; readonly origin?: Origin }
  | {
    readonly kind: "like";
    readonly mode: "like" | "ilike" | "rlike";
    readonly arg: Expr;
    readonly pattern: Expr;
    readonly negated: boolean;
    readonly escape?: string;
    readonly origin?: Origin;
  }
  | { readonly kind: "isNull"; readonly arg: Expr; readonly negated: boolean; readonly origin?: Origin }
  /** `x IS [NOT] TRUE|FALSE|UNKNOWN`, `x IS [NOT] DISTINCT FROM y` desugar to other nodes in the parser. */
  | { readonly kind: "alias"; readonly arg: Expr; readonly names: readonly string[]; readonly origin?: Origin }
  /** struct field access `s.f` once `s` is known to be a struct, or Column.getField("f"). */
  | { readonly kind: "getField"; readonly arg: Expr; readonly name: string; readonly origin?: Origin }
  /** `a[i]` / `m[k]` / Column.getItem(k). */
  | { readonly kind: "getItem"; readonly arg: Expr; readonly key: Expr; readonly origin?: Origin }
  | SortOrderExpr
  /** `x -> expr` / `(x, y) -> expr` for higher-order functions. */
  | { readonly kind: "lambda"; readonly params: readonly string[]; readonly body: Expr; readonly origin?: Origin }
  /** A scalar subquery or EXISTS; the plan is opaque here to keep expr/ independent of plan/. */
  | { readonly kind: "subquery"; readonly mode: "scalar" | "exists" | "in"; readonly plan: unknown; readonly arg?: Expr; readonly origin?: Origin };

export interface SortOrderExpr {
  readonly kind: "sortOrder";
  readonly arg: Expr;
  readonly ascending: boolean;
  /** Spark's default: nulls first for ascending, nulls last for descending. */
  readonly nullsFirst: boolean;
  readonly origin?: Origin;
}

// ---- builders (return new frozen nodes) ----

export const column = (parts: readonly string[], origin?: Origin): Expr =>
  Object.freeze({ kind: "column", parts: Object.freeze([...parts]), origin });

export const literal = (value: unknown, type: DataType, origin?: Origin): Expr =>
  Object.freeze({ kind: "literal", value, type, origin });

export const call = (name: string, args: readonly Expr[], extra: { distinct?: boolean; origin?: Origin } = {}): Expr =>
  Object.freeze({ kind: "call", name, args: Object.freeze([...args]), ...extra });

export const binary = (op: BinaryOp, left: Expr, right: Expr, origin?: Origin): Expr =>
  Object.freeze({ kind: "binary", op, left, right, origin });

export const unary = (op: UnaryOp, arg: Expr, origin?: Origin): Expr => Object.freeze({ kind: "unary", op, arg, origin });

export const alias = (arg: Expr, name: string, origin?: Origin): Expr =>
  Object.freeze({ kind: "alias", arg, names: Object.freeze([name]), origin });

/** The origin of a node, if it has one. */
export function originOf(e: Expr): Origin | undefined {
  return e.origin;
}
