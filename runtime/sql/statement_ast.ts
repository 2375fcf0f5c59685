// The statement tree the SQL parser builds (SqlBaseParser.g4's statement/query rules) and the
// binder turns into analyzed plans. Plain frozen data tagged with `kind`, like expr/expr.ts;
// expressions inside are the ordinary unresolved expression nodes.
import type { Expr, Origin, SortOrderExpr, WindowSpec } from "../expr/expr.ts";

export type Statement =
  | { readonly kind: "query"; readonly query: Query }
  | { readonly kind: "explain"; readonly mode: "simple" | "extended" | "formatted" | "codegen" | "cost"; readonly statement: Statement }
  | {
    readonly kind: "createView";
    readonly name: readonly string[];
    /** TEMP / TEMPORARY; otherwise a view of the session catalog, which may not use temp views. */
    readonly temporary: boolean;
    readonly replace: boolean;
    readonly global: boolean;
    readonly ifNotExists: boolean;
    readonly columns?: readonly string[];
    readonly query: Query;
    readonly origin: Origin;
  }
  | { readonly kind: "dropView"; readonly name: readonly string[]; readonly ifExists: boolean; readonly origin: Origin }
  | { readonly kind: "showTables"; readonly views: boolean }
  /** DESCRIBE [TABLE] name / DESCRIBE QUERY query: the columns and their types. */
  | { readonly kind: "describe"; readonly name?: readonly string[]; readonly query?: Query; readonly origin: Origin }
  /** SET key=value, SET key, SET (all). */
  | { readonly kind: "set"; readonly key?: string; readonly value?: string };

/** `[WITH …] body [ORDER BY …] [LIMIT …] [OFFSET …]` */
export interface Query {
  readonly kind: "query";
  readonly ctes: readonly Cte[];
  readonly body: QueryTerm;
  readonly orderBy: readonly SortOrderExpr[];
  readonly limit?: Expr;
  readonly offset?: Expr;
  readonly origin: Origin;
}

export interface Cte {
  readonly name: string;
  readonly columns?: readonly string[];
  readonly query: Query;
  readonly origin: Origin;
}

export type QueryTerm =
  | Select
  | { readonly kind: "setOp"; readonly op: "union" | "intersect" | "except"; readonly all: boolean; readonly left: QueryTerm; readonly right: QueryTerm; readonly origin: Origin }
  /** `( query )` used as a query term. */
  | { readonly kind: "nested"; readonly query: Query }
  /** `TABLE name` */
  | { readonly kind: "tableTerm"; readonly name: readonly string[]; readonly origin: Origin }
  | InlineTable;

export interface InlineTable {
  readonly kind: "values";
  readonly rows: readonly (readonly Expr[])[];
  readonly origin: Origin;
}

export interface Select {
  readonly kind: "select";
  readonly distinct: boolean;
  readonly items: readonly Expr[];
  readonly from?: Relation;
  readonly where?: Expr;
  readonly groupBy?: GroupBy;
  readonly having?: Expr;
  /** WINDOW w AS (…): named window specifications. */
  readonly windows: readonly { readonly name: string; readonly spec: WindowSpec }[];
  /** LATERAL VIEW [OUTER] f(args) table [AS] col, … — applied after FROM, in order. */
  readonly lateralViews: readonly LateralView[];
  readonly origin: Origin;
}

export interface LateralView {
  readonly outer: boolean;
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly table: string;
  readonly columns: readonly string[];
  readonly origin: Origin;
}

export interface GroupBy {
  /** Plain grouping expressions (all of them when `sets` is absent). */
  readonly exprs: readonly Expr[];
  /** GROUPING SETS / ROLLUP / CUBE, expanded to the list of grouping sets (each a list of expressions). */
  readonly sets?: readonly (readonly Expr[])[];
  readonly origin: Origin;
}

export type JoinType = "inner" | "cross" | "left" | "right" | "full" | "semi" | "anti";

export interface TableAlias {
  readonly name: string;
  readonly columns?: readonly string[];
  readonly origin: Origin;
}

/** `WATERMARK expr [AS name] DELAY OF INTERVAL …` after a relation (Spark 4.1). */
export interface WatermarkClause {
  readonly column: Expr;
  readonly delay: Expr;
  readonly origin: Origin;
}

export type Relation =
  | {
    readonly kind: "tableRef";
    readonly name: readonly string[];
    /** `STREAM name` / `STREAM(name)`: the relation must be streaming. */
    readonly stream: boolean;
    readonly watermark?: WatermarkClause;
    readonly alias?: TableAlias;
    readonly origin: Origin;
  }
  | { readonly kind: "derived"; readonly query: Query; readonly watermark?: WatermarkClause; readonly alias?: TableAlias; readonly origin: Origin }
  | { readonly kind: "inline"; readonly table: InlineTable; readonly alias?: TableAlias; readonly origin: Origin }
  /** A table-valued function: range(…). */
  | { readonly kind: "tvf"; readonly name: string; readonly args: readonly Expr[]; readonly alias?: TableAlias; readonly origin: Origin }
  | {
    readonly kind: "join";
    readonly left: Relation;
    readonly right: Relation;
    readonly type: JoinType;
    readonly natural: boolean;
    readonly on?: Expr;
    readonly using?: readonly { readonly name: string; readonly origin: Origin }[];
    readonly origin: Origin;
  }
  /** `( relation ) alias` */
  | { readonly kind: "parenRelation"; readonly relation: Relation; readonly alias?: TableAlias; readonly origin: Origin };
