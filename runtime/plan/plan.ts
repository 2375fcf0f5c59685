// Logical plan nodes. Every node is analyzed when it is built (as Spark analyzes a DataFrame
// eagerly): it carries its output attributes and bound expressions, so errors surface where the
// user made them. Nodes are plain frozen data tagged with `kind`.
import type { Bound } from "../expr/bound.ts";
import type { BoundAggregate } from "../expr/aggregate_def.ts";
import type { Expr } from "../expr/expr.ts";
import type { Row } from "../plugin/contract.ts";
import type { Attribute } from "./attribute.ts";

/** A source as the user declared it; the reader is created when a query (or batch read) starts. */
export interface SourceSpec {
  readonly format: string;
  readonly options: Readonly<Record<string, string>>;
  readonly userSchema?: import("../types/data_type.ts").StructType;
}

interface Base {
  readonly output: readonly Attribute[];
  readonly streaming: boolean;
}

export type Plan =
  | Base & { readonly kind: "source"; readonly source: SourceSpec; readonly sourceId: number }
  | Base & { readonly kind: "local"; readonly rows: readonly Row[] }
  /** A memory-sink table or view read as a batch: rows fetched when the plan runs. */
  | Base & { readonly kind: "table"; readonly name: string; readonly rowsOf: () => readonly Row[] }
  | Base & { readonly kind: "project"; readonly input: Plan; readonly exprs: readonly Bound[]; readonly sources: readonly Expr[] }
  | Base & { readonly kind: "filter"; readonly input: Plan; readonly condition: Bound; readonly source: Expr }
  /** explode()/explode_outer(): one output row per element, input columns kept in front. */
  | Base & {
    readonly kind: "generate";
    readonly input: Plan;
    readonly generator: Bound;
    readonly generatorName: string;
    readonly outer: boolean;
    readonly position: boolean;
    readonly source: Expr;
  }
  | Base & { readonly kind: "union"; readonly inputs: readonly Plan[]; readonly byName: boolean }
  | Base & { readonly kind: "limit"; readonly input: Plan; readonly limit: number }
  | Base & { readonly kind: "alias"; readonly input: Plan; readonly alias: string }
  | Base & { readonly kind: "watermark"; readonly input: Plan; readonly column: number; readonly delayMs: number; readonly delayText: string }
  /**
   * GROUP BY: `groupings` and aggregate arguments are over the input; `results` are over the row
   * [grouping values…, aggregate results…]. `eventTimeKey` is the grouping slot carrying a
   * watermark (a window struct or a timestamp), which lets state be evicted.
   */
  | Base & {
    readonly kind: "aggregate";
    readonly input: Plan;
    readonly groupings: readonly Bound[];
    readonly aggregates: readonly BoundAggregate[];
    readonly results: readonly Bound[];
    readonly sources: readonly Expr[];
    readonly eventTimeKey?: { readonly slot: number; readonly isWindow: boolean; readonly delayMs: number };
  }
  /** ORDER BY: batch queries, and streaming aggregations in complete mode. */
  | Base & { readonly kind: "sort"; readonly input: Plan; readonly orders: readonly SortKey[]; readonly sources: readonly Expr[] }
  /**
   * dropDuplicates(keys) / dropDuplicatesWithinWatermark(keys): `keys` are input slots.
   * `eventTime` is the watermarked input column, if any (evicts state; required within watermark).
   */
  | Base & {
    readonly kind: "dedup";
    readonly input: Plan;
    readonly keys: readonly number[];
    readonly withinWatermark: boolean;
    readonly eventTime?: { readonly slot: number; readonly delayMs: number; readonly inKeys: boolean };
  };

export interface SortKey {
  readonly expr: Bound;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

export type PlanKind = Plan["kind"];

export function children(p: Plan): readonly Plan[] {
  switch (p.kind) {
    case "source":
    case "local":
    case "table":
      return [];
    case "union":
      return p.inputs;
    case "project":
    case "filter":
    case "generate":
    case "limit":
    case "alias":
    case "watermark":
    case "aggregate":
    case "sort":
    case "dedup":
      return [p.input];
    default:
      return assertNever(p);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected node: ${JSON.stringify(x)}`);
}

/** Every source node under `p`, left to right. */
export function sourcesOf(p: Plan): Extract<Plan, { kind: "source" }>[] {
  if (p.kind === "source") return [p];
  return children(p).flatMap(sourcesOf);
}
