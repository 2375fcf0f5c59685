// Bound (resolved) expressions: every node knows its type and nullability, column references are
// slots in the input row. Codegen (codegen.ts) turns a list of them into one JS function.
import type { DataType } from "../types/data_type.ts";

export type Bound =
  /** The value in slot `ordinal` of the input row. */
  | { readonly kind: "ref"; readonly ordinal: number; readonly type: DataType; readonly nullable: boolean; readonly name: string }
  | { readonly kind: "lit"; readonly value: unknown; readonly type: DataType; readonly nullable: boolean }
  /** A scalar function application; see FunctionImpl for how it runs. */
  | ({ readonly kind: "fn"; readonly name: string; readonly args: readonly Bound[] } & FunctionImpl)
  /** Three-valued AND/OR with short-circuit. */
  | { readonly kind: "and" | "or"; readonly left: Bound; readonly right: Bound; readonly type: DataType; readonly nullable: boolean }
  /** CASE WHEN / if(): branches evaluated lazily in order. */
  | {
    readonly kind: "case";
    readonly branches: readonly { readonly when: Bound; readonly then: Bound }[];
    readonly otherwise: Bound;
    readonly type: DataType;
    readonly nullable: boolean;
  }
  /** coalesce(): the first non-null argument, evaluated lazily. */
  | { readonly kind: "coalesce"; readonly args: readonly Bound[]; readonly type: DataType; readonly nullable: boolean }
  /** A lambda parameter inside a higher-order function body. */
  | { readonly kind: "lambdaVar"; readonly index: number; readonly type: DataType; readonly nullable: boolean; readonly name: string };

/**
 * How a bound function runs. `impl` receives the evaluated arguments. Unless `nullSafe`, codegen
 * returns null without calling `impl` when any argument is null (Spark's "null intolerant").
 * `inline`, when given, returns a JS expression over the (non-null) argument variables and is used
 * instead of a call — for the operators on the hot path (+, <, …).
 */
export interface FunctionImpl {
  readonly type: DataType;
  readonly nullable: boolean;
  readonly impl: (...args: any[]) => unknown;
  readonly nullSafe?: boolean;
  readonly inline?: (args: readonly string[]) => string;
  /** False for rand(), uuid() …: never folded into constants. */
  readonly deterministic?: boolean;
  /**
   * True when `impl` reads the batch being run (current_timestamp(), rand()): it then gets the
   * batch's EvalContext as its first argument, before the evaluated arguments.
   */
  readonly contextual?: boolean;
  /**
   * True when `impl` (and `inline`) take timestamps and day-time intervals in their exact form: a
   * bigint beyond ±2^53 µs (types/long.ts). Without it such an argument arrives as the nearest
   * double, so code written for numbers keeps working on values before 1685 or after 2255.
   */
  readonly exactMicros?: boolean;
}

/**
 * What generated code reads about the batch it runs in (Spark's per-task context): the batch's
 * timestamp for current_timestamp(), the partition for rand()'s seed, and a scratch map where a
 * function keeps something for the batch (rand()'s generator). Made per query and batch, so two
 * queries, or two batches, never see each other's; nothing of it lives on the session.
 */
export interface EvalContext {
  /** The batch's timestamp in microseconds (Spark's batchTimestampMs * 1000). */
  readonly batchTimestampMicros: number;
  /** Index of the partition being evaluated (rand() seeds with seed + partitionIndex). */
  readonly partitionIndex: number;
  /** Per-batch values of functions, keyed by something each function owns. */
  readonly scratch: Map<unknown, unknown>;
}

export function evalContext(batchTimestampMicros: number, partitionIndex = 0): EvalContext {
  return { batchTimestampMicros, partitionIndex, scratch: new Map() };
}

/** What a function sees when it is bound. */
export interface BindContext {
  /** spark.sql.session.timeZone, an IANA name or offset such as "UTC" or "+02:00". */
  readonly timeZone: string;
  /** spark.sql.ansi.enabled (true by default, as in Spark 4). */
  readonly ansi: boolean;
  /** The SQL text of the call being bound, for error messages: `abs(a)`. */
  readonly sql: string;
  /** SQL texts of the arguments, for error messages: `a`. */
  readonly argSql: readonly string[];
  /** The session's configuration (spark.sql.legacy.* switches some functions read); absent outside a session. */
  readonly conf?: (key: string) => string | undefined;
}

export const boundType = (b: Bound): DataType => b.type;
