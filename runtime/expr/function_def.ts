// The contract every scalar function implements (one file per function under functions/).
import type { Bound, BindContext, FunctionImpl } from "./bound.ts";

export interface ScalarFunction {
  readonly kind: "scalar";
  /** Spark's name, lowercase, as it appears in column names and error messages. */
  readonly name: string;
  /** Other names Spark accepts for the same function (e.g. "ceiling" for ceil). */
  readonly aliases?: readonly string[];
  /** Allowed argument counts, checked before bind (Spark's WRONG_NUM_ARGS). */
  readonly minArgs: number;
  readonly maxArgs: number;
  /** When only some counts in [minArgs, maxArgs] are allowed: those (Spark prints them as the expected counts). */
  readonly argCounts?: readonly number[];
  /** The counts WRONG_NUM_ARGS names when they differ from argCounts (some of Spark's builders name fewer). */
  readonly argCountsShown?: readonly number[];
  /**
   * Checks argument types (throwing Spark's DATATYPE_MISMATCH errors), inserts implicit casts
   * where Spark would, and picks the implementation for these types.
   * Returns the (possibly cast) arguments and how to run.
   */
  bind(args: readonly Bound[], ctx: BindContext): BoundCall;
}

export interface BoundCall extends FunctionImpl {
  /** The arguments to evaluate, after implicit casts; defaults to the arguments given. */
  readonly args?: readonly Bound[];
  /**
   * How Spark prints the call when its analyzer turns it into another expression (`dt + 1` is
   * DateAdd: `date_add(dt, 1)`), from the printed arguments as written; absent, it prints as
   * written. Column names use it.
   */
  readonly printed?: (args: readonly string[]) => string;
}
