// schema_of_csv(csv[, options]): the DDL of the struct Spark's CSVInferSchema infers from one
// foldable CSV record, fields _c0, _c1, …: INT, then BIGINT, DECIMAL (an integer beyond BIGINT),
// DOUBLE, TIMESTAMP (Spark's string cast, or timestampFormat), BOOLEAN, else STRING.
import { dataTypeMismatch } from "../expr_errors.ts";
import { foldValue, isFoldable } from "../foldable.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";
import { compileDatetimePattern } from "../datetime/datetime_pattern.ts";
import { stringToTimestamp } from "../datetime/string_to_timestamp.ts";
import type { TimeZone } from "../datetime/time_zone.ts";
import { csvRecordOptions, readCsvRecord } from "./csv_record.ts";
import { zoneOf } from "./datetime_args.ts";
import { jsonOptions } from "./json_options.ts";

const isJavaDouble = (s: string) => /^[+-]?(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/.test(s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, ""));

function inferField(s: string | null, opts: ReadonlyMap<string, string>, zone: TimeZone): string {
  if (s === null) return "STRING";
  if (/^[+-]?\d+$/.test(s)) {
    const v = BigInt(s);
    if (v >= -2147483648n && v <= 2147483647n) return "INT";
    if (v >= -9223372036854775808n && v <= 9223372036854775807n) return "BIGINT";
    const digits = s.replace(/^[+-]/, "").replace(/^0+(?=\d)/, "").length;
    if (digits <= 38) return `DECIMAL(${digits},0)`;
  }
  if (isJavaDouble(s) || s === (opts.get("nanvalue") ?? "NaN") || s === (opts.get("positiveinf") ?? "Inf") || s === (opts.get("negativeinf") ?? "-Inf")) return "DOUBLE";
  const format = opts.get("timestampformat");
  const ts = format !== undefined ? compileDatetimePattern(format, true).tryParse(s, zone) : stringToTimestamp(s, zone);
  if (ts !== null) return "TIMESTAMP";
  if (/^(true|false)$/i.test(s)) return "BOOLEAN";
  return "STRING";
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "schema_of_csv",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const a = args[0]!;
    if (!isFoldable(a)) {
      throw dataTypeMismatch("NON_FOLDABLE_INPUT", ctx.sql, `the input \`csv\` should be a foldable "STRING" expression; however, got "${ctx.argSql[0]}".`);
    }
    const text = foldValue(a);
    if (text === null) throw dataTypeMismatch("UNEXPECTED_NULL", ctx.sql, `The csv must not be null.`);
    if (typeof text !== "string") {
      throw dataTypeMismatch("UNEXPECTED_INPUT_TYPE", ctx.sql, `The first parameter requires the "STRING" type, however "${ctx.argSql[0]}" has the type "${a.type.sql()}".`);
    }
    const opts = jsonOptions(args[1]);
    const zone = zoneOf(ctx);
    const fields = readCsvRecord(text, csvRecordOptions(opts)).map((t, i) => `_c${i}: ${inferField(t, opts, zone)}`);
    const ddl = `STRUCT<${fields.join(", ")}>`;
    return { type: STRING, nullable: false, args: [], nullSafe: true, impl: () => ddl, printed: args.length > 1 ? (p) => `schema_of_csv(${p[0]})` : undefined };
  },
};
export default fn;
