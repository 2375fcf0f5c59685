// CAST(x AS t) and TRY_CAST(x AS t). Not a registered function: the analyzer binds the cast node
// with the target type through bindCast. Forbidden casts raise Spark's
// DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION / CAST_WITH_CONF_SUGGESTION / CAST_WITHOUT_SUGGESTION.
import type { Bound, BindContext } from "../bound.ts";
import { canCast, castTypeCheckError } from "../cast.ts";
import { castBound } from "../coercion.ts";
import type { DataType } from "../../types/data_type.ts";

/** Binds CAST (mode "cast", ANSI per ctx.ansi) or TRY_CAST (mode "try") of `arg` to `to`. */
export function bindCast(arg: Bound, to: DataType, ctx: BindContext, mode: "cast" | "try"): Bound {
  const tryMode = mode === "try";
  if (!canCast(arg.type, to, ctx.ansi, tryMode)) {
    throw castTypeCheckError(arg.type, to, ctx.sql, tryMode ? "try" : ctx.ansi ? "ansi" : "legacy");
  }
  return castBound(arg, to, ctx, tryMode);
}
