// Argument checks shared by the numeric aggregates, with Spark's DATATYPE_MISMATCH wording.
// Like Spark's ImplicitCastInputTypes, a string argument is cast to double (under ANSI a
// string that is not a number then fails at run time with CAST_INVALID_INPUT).
import type { Bound, BindContext } from "../bound.ts";
import { castBound } from "../coercion.ts";
import { unexpectedInputType } from "../expr_errors.ts";
import { DOUBLE } from "../../types/data_type.ts";

const NUMERIC_KINDS = new Set(["byte", "short", "int", "long", "float", "double", "decimal", "null"]);

/** The argument as the aggregate takes it: numeric (or an ANSI interval if allowed); strings cast to double. */
export function numericArg(arg: Bound, ctx: BindContext, required = '"NUMERIC"', allowIntervals = false): Bound {
  const k = arg.type.kind;
  if (NUMERIC_KINDS.has(k)) return arg;
  if (allowIntervals && (k === "daytime_interval" || k === "yearmonth_interval")) return arg;
  if (k === "string") return castBound(arg, DOUBLE, ctx);
  throw unexpectedInputType(ctx.sql, 0, required, ctx.argSql[0] ?? "", arg.type);
}
