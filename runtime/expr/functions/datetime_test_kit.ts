// Test helpers for the date/time, JSON and hash functions: binds a function to literal arguments
// the way the analyzer does and runs it through codegen, so null handling is the engine's.
import { SluiceError } from "../../errors.ts";
import type { DataType } from "../../types/data_type.ts";
import { type BindContext, type Bound, type EvalContext, evalContext } from "../bound.ts";
import { compileExpression } from "../codegen.ts";
import type { ScalarFunction } from "../function_def.ts";

export interface KitOptions {
  timeZone?: string;
  ansi?: boolean;
  /** The batch the function runs in (its timestamp for current_timestamp()); read at each call. */
  batch?: EvalContext;
}

export function lit(value: unknown, type: DataType): Bound {
  return { kind: "lit", value, type, nullable: value === null };
}

/** A column reference to slot `ordinal` of the row passed to `run`. */
export function col(ordinal: number, type: DataType, nullable = true): Bound {
  return { kind: "ref", ordinal, type, nullable, name: `c${ordinal}` };
}

export function bindContext(fn: ScalarFunction, args: readonly Bound[], o: KitOptions = {}): BindContext {
  const argSql = args.map((a) => (a.kind === "lit" ? sqlLiteral(a.value) : a.kind === "ref" ? a.name : "?"));
  return {
    timeZone: o.timeZone ?? "UTC",
    ansi: o.ansi ?? true,
    sql: `${fn.name}(${argSql.join(", ")})`,
    argSql,
  };
}

function sqlLiteral(v: unknown): string {
  if (v === null) return "NULL";
  if (typeof v === "string") return v;
  return String(v);
}

/** Binds `fn` and returns a row function. */
export function compile(fn: ScalarFunction, args: readonly Bound[], o: KitOptions = {}): (row: unknown[]) => unknown {
  const bound = fn.bind(args, bindContext(fn, args, o));
  const node: Bound = { kind: "fn", name: fn.name, ...bound, args: bound.args ?? args };
  const f = compileExpression(node);
  const batch = o.batch ?? evalContext(0);
  return (row) => f(row, batch);
}

/** fn applied to literal arguments given as [value, type] pairs. */
export function call(fn: ScalarFunction, args: readonly [unknown, DataType][], o: KitOptions = {}): unknown {
  return compile(fn, args.map(([v, t]) => lit(v, t)), o)([]);
}

/** The SluiceError `f` throws (fails the test when it does not throw one). */
export function errorOf(f: () => unknown): SluiceError {
  try {
    f();
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("expected a SluiceError");
}
