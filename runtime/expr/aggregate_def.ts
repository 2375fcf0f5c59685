// The contract every aggregate function implements (one file per function under aggregates/).
// A buffer is a small array of plain values, so a state store can persist it between batches.
import type { DataType } from "../types/data_type.ts";
import type { Bound, BindContext } from "./bound.ts";

export interface AggregateFunction {
  readonly kind: "aggregate";
  /** Spark's name, as in column names: count, sum, avg … */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Checks argument types with Spark's errors and returns how to aggregate them. */
  bind(args: readonly Bound[], ctx: BindContext, distinct: boolean): BoundAggregate;
}

export interface BoundAggregate {
  readonly name: string;
  /** The argument expressions, evaluated per input row (after any implicit casts). */
  readonly args: readonly Bound[];
  readonly type: DataType;
  readonly nullable: boolean;
  /** Spark's text of the buffer layout, kept in the state schema so an incompatible restart is refused. */
  readonly bufferSchema: string;
  init(): unknown[];
  /** Folds one row's argument values into `buf` (mutating it). */
  update(buf: unknown[], args: readonly unknown[]): void;
  /**
   * Folds buffer `other` into `buf` (Spark's mergeExpressions, same arithmetic and order), used
   * where Spark merges partial aggregates: a batch's partial result into the restored state.
   */
  merge(buf: unknown[], other: readonly unknown[]): void;
  /** The result for a buffer. */
  evaluate(buf: readonly unknown[]): unknown;
}
