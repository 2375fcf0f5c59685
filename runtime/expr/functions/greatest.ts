// greatest(a, b, …): the largest non-NULL argument (NULL only when all are NULL). Arguments are
// widened to a common type without promoting strings.
import type { Bound, BindContext } from "../bound.ts";
import { castBound, commonType } from "../coercion.ts";
import { dataTypeMismatch, sqlType } from "../expr_errors.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { comparatorFor, isOrderable } from "../value_ordering.ts";

/** Binds greatest (`sign` 1) or least (`sign` -1). */
export function bindExtreme(name: string, args: readonly Bound[], ctx: BindContext, sign: 1 | -1): BoundCall {
  const t = commonType(args.map((a) => a.type), ctx, name, false);
  if (!isOrderable(t)) {
    throw dataTypeMismatch("INVALID_ORDERING_TYPE", ctx.sql, `The \`${name}\` does not support ordering on type ${sqlType(t)}.`);
  }
  const cast = args.map((a) => castBound(a, t, ctx));
  const cmp = comparatorFor(t);
  return {
    type: t, nullable: cast.every((a) => a.nullable), nullSafe: true, args: cast,
    impl: (...xs: unknown[]) => {
      let best: unknown = null;
      for (const x of xs) if (x !== null && (best === null || sign * cmp(x, best) > 0)) best = x;
      return best;
    },
  };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "greatest",
  minArgs: 2,
  maxArgs: Infinity,
  bind: (args, ctx) => bindExtreme("greatest", args, ctx, 1),
};

export default fn;
