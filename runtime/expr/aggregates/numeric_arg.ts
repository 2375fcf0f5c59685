// Argument checks shared by the numeric aggregates, with Spark's DATATYPE_MISMATCH wording.
import type { Bound, BindContext } from "../bound.ts";
import { unexpectedInputType } from "../expr_errors.ts";

const NUMERIC_KINDS = new Set(["byte", "short", "int", "long", "float", "double", "decimal", "null"]);

export function requireNumeric(arg: Bound, ctx: BindContext, required = '"NUMERIC"', allowIntervals = false): void {
  const k = arg.type.kind;
  if (NUMERIC_KINDS.has(k)) return;
  if (allowIntervals && (k === "daytime_interval" || k === "yearmonth_interval")) return;
  throw unexpectedInputType(ctx.sql, 0, required, ctx.argSql[0] ?? "", arg.type);
}
