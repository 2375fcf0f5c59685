// Helpers for the expression unit tests: bind a core function the way the analyzer does and run it
// through the real code generator, with arguments given as row slots (runtime path) or literals.
import { expect } from "bun:test";
import { SluiceError } from "../errors.ts";
import type { DataType } from "../types/data_type.ts";
import type { Bound, BindContext, EvalContext } from "./bound.ts";
import { compileExpression } from "./codegen.ts";
import type { ScalarFunction } from "./function_def.ts";
import { coreFunctions } from "./functions/core_list.ts";

/** The batch the kit evaluates in: tests change its partition, or start a new batch with newBatch(). */
export const batch: { -readonly [K in keyof EvalContext]: EvalContext[K] } = { batchTimestampMicros: 0, partitionIndex: 0, scratch: new Map() };

/** A new batch for the kit's evaluations (functions start over, as in a new Spark task). */
export function newBatch(batchTimestampMicros: number): void {
  batch.batchTimestampMicros = batchTimestampMicros;
  batch.partitionIndex = 0;
  batch.scratch = new Map();
}

export interface KitOptions {
  ansi?: boolean;
  timeZone?: string;
  sql?: string;
  argSql?: string[];
}

export function ctxFor(o: KitOptions = {}, argCount = 0): BindContext {
  return {
    timeZone: o.timeZone ?? "UTC",
    ansi: o.ansi ?? true,
    sql: o.sql ?? "expr",
    argSql: o.argSql ?? Array.from({ length: argCount }, (_, i) => `a${i}`),
  };
}

export const lit = (value: unknown, type: DataType): Bound => ({ kind: "lit", value, type, nullable: value === null });
export const ref = (ordinal: number, type: DataType, nullable = true, name = `c${ordinal}`): Bound =>
  ({ kind: "ref", ordinal, type, nullable, name });

const byName = new Map<string, ScalarFunction>();
for (const f of coreFunctions) for (const n of [f.name, ...(f.aliases ?? [])]) byName.set(n, f);

/** Binds a core function to bound arguments (as ExprResolver.applyFunction does). */
export function bindFn(name: string, args: readonly Bound[], o: KitOptions = {}): Bound {
  const f = byName.get(name);
  if (!f) throw new Error(`no core function ${name}`);
  const b = f.bind(args, ctxFor(o, args.length));
  return { kind: "fn", name: f.name, ...b, args: b.args ?? args };
}

export function evaluate(b: Bound, row: unknown[] = []): unknown {
  return compileExpression(b)(row, batch);
}

/** A typed argument: [value, type]. */
export type Arg = readonly [unknown, DataType];

/** Calls `name` with each argument read from a row slot (not foldable). */
export function call(name: string, args: readonly Arg[], o: KitOptions = {}): unknown {
  const bound = bindFn(name, args.map(([v, t], i) => ref(i, t, v === null)), o);
  return evaluate(bound, args.map(([v]) => v));
}

/** Calls `name` with literal arguments. */
export function callLit(name: string, args: readonly Arg[], o: KitOptions = {}): unknown {
  return evaluate(bindFn(name, args.map(([v, t]) => lit(v, t)), o));
}

/** The bound call's result type as Spark's simpleString. */
export function typeOf(name: string, args: readonly Arg[], o: KitOptions = {}): string {
  return bindFn(name, args.map(([v, t], i) => ref(i, t, v === null)), o).type.simpleString();
}

/** Expects `f` to throw a SluiceError with `code` (and, when given, exactly `message` as its text). */
export function expectError(f: () => unknown, code: string, message?: string): SluiceError {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(SluiceError);
  const se = err as SluiceError;
  expect(se.code).toBe(code);
  if (message !== undefined) expect(se.message).toBe(message);
  return se;
}
