// Shared binding of to_number, try_to_number and to_char (Spark's ToNumberBase / ToCharacter): the
// format must be a foldable string (NON_FOLDABLE_INPUT), NULL makes every result NULL, and Spark's
// format checks (INVALID_FORMAT.*) run at analysis. The format is read upper-cased, as Spark does.
import { SluiceError } from "../../errors.ts";
import type { Bound, BindContext } from "../bound.ts";
import { foldValue, isFoldable } from "../foldable.ts";
import { sqlType } from "../expr_errors.ts";
import { ToNumberParser } from "../to_number_parser.ts";

/** The parser of a foldable format argument, or null for a NULL format. */
export function numberFormatOf(format: Bound, ctx: BindContext, errorOnFail: boolean): ToNumberParser | null {
  if (!isFoldable(format)) {
    throw new SluiceError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
      `Cannot resolve "${ctx.sql}" due to data type mismatch: the input \`${prettyNameOf(ctx.argSql[1] ?? "")}\` should be a foldable ${sqlType(format.type)} expression; however, got "${ctx.argSql[1]}".`,
      { sqlState: "42K09" });
  }
  const v = foldValue(format);
  if (v === null) return null;
  const parser = new ToNumberParser(String(v).toUpperCase(), errorOnFail);
  const bad = parser.check();
  if (bad) throw bad;
  return parser;
}

/** Expression.prettyName of the format argument as Spark names it in NON_FOLDABLE_INPUT (a column: its name). */
function prettyNameOf(sql: string): string {
  const call = /^([A-Za-z_][A-Za-z0-9_]*)\(/.exec(sql);
  return call ? call[1]!.toLowerCase() : sql;
}
