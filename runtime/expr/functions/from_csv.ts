// from_csv(csv, schema [, options]): one CSV record read into a struct, as Spark's CsvToStructs
// (UnivocityParser): each field converted to its column's type the way Java parses it (integers
// without spaces, floats trimmed), dates and timestamps by dateFormat/timestampFormat or Spark's
// own string casts, intervals as CAST(text AS <interval>). PERMISSIVE (default): a field that does
// not convert is null and the others are kept, missing fields are null; FAILFAST:
// MALFORMED_RECORD_IN_PARSING. Options: sep/delimiter, quote, escape, nullValue, mode, dateFormat,
// timestampFormat, timestampNTZFormat, nanValue, positiveInf, negativeInf.
import { SluiceError } from "../../errors.ts";
import { longFromBigInt } from "../../types/long.ts";
import type { DataType, StructType } from "../../types/data_type.ts";
import { stringToCalendarInterval, stringToDayTimeInterval, stringToYearMonthInterval } from "../cast_interval.ts";
import { compileDatetimePattern } from "../datetime/datetime_pattern.ts";
import { MICROS_PER_DAY, floorDiv } from "../datetime/civil_date.ts";
import { stringToDate } from "../datetime/string_to_date.ts";
import { stringToTimestamp, stringToTimestampWithoutTimeZone } from "../datetime/string_to_timestamp.ts";
import type { TimeZone } from "../datetime/time_zone.ts";
import type { ScalarFunction } from "../function_def.ts";
import { csvRecordOptions, readCsvRecord } from "./csv_record.ts";
import { zoneOf } from "./datetime_args.ts";
import { decimalFromText, malformedRecord, schemaOf } from "./from_json.ts";
import { jsonOptions } from "./json_options.ts";

class BadField extends Error {}

const LIMITS: Record<string, [bigint, bigint]> = {
  byte: [-128n, 127n], short: [-32768n, 32767n], int: [-2147483648n, 2147483647n],
  long: [-9223372036854775808n, 9223372036854775807n],
};

/** Java's Integer/Long.parseLong: a sign and digits, nothing else. */
function javaInteger(s: string, kind: string): unknown {
  if (!/^[+-]?\d+$/.test(s)) throw new BadField();
  const v = BigInt(s);
  const [lo, hi] = LIMITS[kind]!;
  if (v < lo || v > hi) throw new BadField();
  return kind === "long" ? longFromBigInt(v) : Number(v);
}

/** Java's Double.parseDouble: surrounding whitespace ignored, NaN, Infinity, an f/d suffix. */
function javaDouble(s: string): number {
  const t = s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  const m = /^([+-]?)(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/.exec(t);
  if (m === null || (/[fFdD]$/.test(t) && /(NaN|Infinity)$/.test(m[2]!))) throw new BadField();
  const v = m[2] === "NaN" ? NaN : m[2] === "Infinity" ? Infinity : Number(m[2]);
  return m[1] === "-" ? -v : v;
}

type Converter = (s: string) => unknown;

export function csvConverters(schema: StructType, opts: ReadonlyMap<string, string>, zone: TimeZone): Converter[] {
  const ts = opts.has("timestampformat") ? compileDatetimePattern(opts.get("timestampformat")!, true) : null;
  const ntz = opts.has("timestampntzformat") ? compileDatetimePattern(opts.get("timestampntzformat")!, true) : null;
  const date = opts.has("dateformat") ? compileDatetimePattern(opts.get("dateformat")!, true) : null;
  const nan = opts.get("nanvalue") ?? "NaN", posInf = opts.get("positiveinf") ?? "Inf", negInf = opts.get("neginf") ?? opts.get("negativeinf") ?? "-Inf";
  const conv = (t: DataType): Converter => {
    switch (t.kind) {
      case "string": return (s) => s;
      case "byte": case "short": case "int": case "long": {
        const k = t.kind;
        return (s) => javaInteger(s, k);
      }
      case "float": case "double": {
        const f = t.kind === "float";
        return (s) => {
          const v = s === nan ? NaN : s === posInf ? Infinity : s === negInf ? -Infinity : javaDouble(s);
          return f ? Math.fround(v) : v;
        };
      }
      case "boolean":
        return (s) => {
          const l = s.toLowerCase();
          if (l === "true") return true;
          if (l === "false") return false;
          throw new BadField();
        };
      case "decimal": {
        const { precision, scale } = t;
        return (s) => decimalFromText(s.replaceAll(",", "").replace(/^\+/, ""), precision, scale) ?? (() => {
          throw new BadField();
        })();
      }
      case "date":
        return (s) => {
          const v = date ? (() => {
            const m = date.tryParse(s, zone);
            return m === null ? null : floorDiv(zone.toLocal(m), MICROS_PER_DAY);
          })() : stringToDate(s);
          if (v === null) throw new BadField();
          return v;
        };
      case "timestamp":
        return (s) => {
          const v = ts ? ts.tryParse(s, zone) : stringToTimestamp(s, zone);
          if (v === null) throw new BadField();
          return v;
        };
      case "timestamp_ntz":
        return (s) => {
          let v: number | null;
          try {
            v = ntz ? ntz.parseLocal(s) : stringToTimestampWithoutTimeZone(s, false);
          } catch {
            v = null;
          }
          if (v === null) throw new BadField();
          return v;
        };
      case "calendar_interval": case "yearmonth_interval": case "daytime_interval":
        return (s) => {
          let v: unknown;
          try {
            v = t.kind === "calendar_interval" ? stringToCalendarInterval(s)
              : t.kind === "yearmonth_interval" ? stringToYearMonthInterval(s, t.startField, t.endField)
              : stringToDayTimeInterval(s, t.startField, t.endField);
          } catch (e) {
            if (e instanceof SluiceError) throw new BadField();
            throw e;
          }
          if (v === null || v === undefined) throw new BadField();
          return v;
        };
      default:
        throw new SluiceError("UNSUPPORTED_DATATYPE", `Unsupported data type ${t.sql()}.`, { sqlState: "0A000" });
    }
  };
  return schema.fields.map((f) => conv(f.dataType));
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "from_csv",
  minArgs: 2,
  maxArgs: 3,
  bind(args, ctx) {
    const [csv, schemaArg] = [args[0]!, args[1]!];
    const schema = schemaOf(schemaArg, ctx);
    if (schema.kind !== "struct") {
      throw new SluiceError("INVALID_SCHEMA.NON_STRUCT_TYPE",
        `The input schema "${ctx.argSql[1]}" is not a valid schema string. The input expression must be a struct type, but got "${schema.sql()}".`,
        { sqlState: "42K07" });
    }
    const opts = jsonOptions(args[2]);
    const mode = (opts.get("mode") ?? "PERMISSIVE").toUpperCase();
    if (mode !== "PERMISSIVE" && mode !== "FAILFAST") {
      throw new SluiceError("PARSE_MODE_UNSUPPORTED",
        `The function \`from_csv\` doesn't support the ${mode} mode. Acceptable modes are PERMISSIVE and FAILFAST.`, { sqlState: "42601" });
    }
    const k = csv.type.kind;
    if (k !== "string" && k !== "null") {
      throw new SluiceError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        `Cannot resolve "${ctx.sql}" due to data type mismatch: The first parameter requires the "STRING" type, however "${ctx.argSql[0]}" has the type "${csv.type.sql()}".`,
        { sqlState: "42K09" });
    }
    const record = csvRecordOptions(opts);
    const convs = csvConverters(schema, opts, zoneOf(ctx));
    const failFast = mode === "FAILFAST";
    return {
      type: schema, nullable: true, args: [csv], printed: (p) => `from_csv(${p[0]})`,
      impl: (text: string) => {
        const tokens = readCsvRecord(text, record);
        let bad = tokens.length !== convs.length;
        const row = convs.map((c, i) => {
          const t = tokens[i];
          if (t === null || t === undefined) return null;
          try {
            return c(t);
          } catch (e) {
            if (!(e instanceof BadField)) throw e;
            bad = true;
            return null;
          }
        });
        if (bad && failFast) throw malformedRecord();
        return row;
      },
    };
  },
};
export default fn;
