// try_add(a, b): a + b, or NULL where + would fail (overflow, a malformed implicit cast).
import type { Bound, BindContext } from "../bound.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { SluiceError } from "../../errors.ts";
import { fn as add } from "./add.ts";

function nullOnError<F extends (...a: any[]) => unknown>(f: F): F {
  return ((...a: unknown[]) => {
    try {
      return f(...a);
    } catch (e) {
      if (e instanceof SluiceError) return null;
      throw e;
    }
  }) as F;
}

/**
 * Spark's TRY eval mode: binds `base` and turns its errors into NULL, including the casts that type
 * coercion put around the arguments (try_add('a', 1) is NULL).
 */
export function bindTry(base: ScalarFunction, args: readonly Bound[], ctx: BindContext): BoundCall {
  const b = base.bind(args, ctx);
  const bound = (b.args ?? args).map((a) =>
    a.kind === "fn" && a.name === "cast" && !args.includes(a) ? { ...a, impl: nullOnError(a.impl), inline: undefined, nullable: true } : a);
  return { ...b, args: bound, impl: nullOnError(b.impl), inline: undefined, nullable: true };
}

/** A try_ version of an operator function. */
export function tryFunction(name: string, base: ScalarFunction): ScalarFunction {
  // Named try_add(a, b) whatever the operator it stands for prints as (date_add, …).
  return {
    kind: "scalar", name, minArgs: base.minArgs, maxArgs: base.maxArgs,
    bind: (args, ctx) => ({ ...bindTry(base, args, ctx), printed: (a) => `${name}(${a.join(", ")})` }),
  };
}

export const fn: ScalarFunction = tryFunction("try_add", add);

export default fn;
