// raise_error(message) and assert_true(cond[, message]): fail the query with Spark's
// USER_RAISED_EXCEPTION (SQLSTATE P0001); assert_true gives NULL when cond is true, and by default
// says "'<cond>' is not true!".
import { SluiceError } from "../../errors.ts";
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BOOLEAN, NULL, STRING } from "../../types/data_type.ts";

export function userRaised(message: string | null): SluiceError {
  return new SluiceError("USER_RAISED_EXCEPTION", message ?? "null", { sqlState: "P0001" });
}

export const raiseError: ScalarFunction = {
  kind: "scalar",
  name: "raise_error",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING], ctx);
    return {
      type: NULL, nullable: true, args: typed, nullSafe: true, deterministic: false,
      impl: (m: string | null) => {
        throw userRaised(m);
      },
    };
  },
};

export const assertTrue: ScalarFunction = {
  kind: "scalar",
  name: "assert_true",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const [cond] = castArgs([args[0]!], [BOOLEAN], ctx);
    const message = args[1] ? castArgs([args[1]], [STRING], { ...ctx, argSql: ctx.argSql.slice(1) })[0]! : undefined;
    const fixed = `'${ctx.argSql[0]}' is not true!`;
    return {
      type: NULL, nullable: true, args: message ? [cond!, message] : [cond!], nullSafe: true, deterministic: false,
      impl: (c: boolean | null, m?: string | null) => {
        if (c === true) return null;
        throw userRaised(message ? (m ?? null) : fixed);
      },
    };
  },
};
