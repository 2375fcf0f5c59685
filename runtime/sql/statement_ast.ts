// The statement tree the SQL parser builds (SqlBaseParser.g4's statement/query rules) and the
// binder turns into analyzed plans. Plain frozen data tagged with `kind`, like expr/expr.ts;
// expressions inside are the ordinary unresolved expression nodes.
import type { Expr, Origin, SortOrderExpr, WindowSpec } from "../expr/expr.ts";
import type { DataType } from "../types/data_type.ts";

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
  | {
    readonly kind: "dropView";
    readonly name: readonly string[];
    readonly ifExists: boolean;
    /** DROP TABLE (also drops a temp view of that name, as Spark does) rather than DROP VIEW. */
    readonly table: boolean;
    readonly origin: Origin;
  }
  /** CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(columns)] [USING format] … [AS query] */
  | {
    readonly kind: "createTable";
    readonly name: readonly string[];
    readonly replace: boolean;
    readonly ifNotExists: boolean;
    readonly external: boolean;
    readonly columns?: readonly ColumnDefinition[];
    readonly provider?: string;
    readonly options: Readonly<Record<string, string>>;
    readonly partitionBy: readonly string[];
    readonly location?: string;
    readonly comment?: string;
    readonly properties: Readonly<Record<string, string>>;
    readonly query?: Query;
    readonly origin: Origin;
  }
  /** INSERT INTO|OVERWRITE [TABLE] name [PARTITION (…)] [(columns) | BY NAME] query */
  | {
    readonly kind: "insert";
    readonly name: readonly string[];
    readonly overwrite: boolean;
    readonly columns?: readonly string[];
    readonly byName: boolean;
    /** Static partition values `PARTITION (p = v)`; a name without value is dynamic. */
    readonly partition?: readonly { readonly name: string; readonly value?: Expr }[];
    readonly query: Query;
    readonly origin: Origin;
  }
  | { readonly kind: "truncateTable"; readonly name: readonly string[]; readonly origin: Origin }
  | { readonly kind: "showTables"; readonly views: boolean }
  /** DESCRIBE [TABLE] name / DESCRIBE QUERY query: the columns and their types. */
  | { readonly kind: "describe"; readonly name?: readonly string[]; readonly query?: Query; readonly origin: Origin }
  /** SET key=value, SET key, SET (all). */
  | { readonly kind: "set"; readonly key?: string; readonly value?: string }
  | { readonly kind: "describeFunction"; readonly name: string; readonly extended: boolean; readonly origin: Origin }
  /** SHOW [USER|SYSTEM|ALL] FUNCTIONS [LIKE] [pattern]. */
  | { readonly kind: "showFunctions"; readonly scope: "user" | "system" | "all"; readonly pattern?: string };

/** A column of CREATE TABLE: `name type [NOT NULL] [DEFAULT expr] [COMMENT 'text']`. */
export interface ColumnDefinition {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  readonly comment?: string;
  readonly defaultValue?: Expr;
  readonly origin: Origin;
}

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
    /** `TABLESAMPLE (n ROWS)`: the first n rows, as Spark's Limit. */
    readonly sampleRows?: Expr;
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
