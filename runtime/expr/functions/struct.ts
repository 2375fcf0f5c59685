// struct(a, b, …): a struct whose field names are the argument names (column names, aliases,
// nested field names) or col1, col2, … for other expressions.
import type { Bound } from "../bound.ts";
import type { ScalarFunction } from "../function_def.ts";
import { StructField, StructType } from "../../types/data_type.ts";

/** The field name Spark's CreateStruct gives an argument. */
export function structFieldName(arg: Bound, sql: string | undefined, index: number): string {
  const text = sql ?? "";
  const alias = /\s+AS\s+(`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_]*)\s*$/i.exec(text);
  if (alias) return unquote(alias[1]!);
  if (arg.kind === "ref") return arg.name;
  const path = /^(?:(?:`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_]*)\.)*(`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_]*)$/.exec(text);
  if (path && arg.kind === "fn" && arg.name === "get_field") return unquote(path[1]!);
  return `col${index + 1}`;
}

function unquote(s: string): string {
  return s.startsWith("`") ? s.slice(1, -1).replaceAll("``", "`") : s;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "struct",
  minArgs: 0,
  maxArgs: Infinity,
  bind(args, ctx) {
    const fields = args.map((a, i) => new StructField(structFieldName(a, ctx.argSql[i], i), a.type, a.nullable));
    return { type: new StructType(fields), nullable: false, nullSafe: true, impl: (...xs: unknown[]) => xs };
  },
};

export default fn;
