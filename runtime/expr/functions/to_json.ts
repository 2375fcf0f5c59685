// to_json(struct|map|array [, options]): JSON text the way Spark's JacksonGenerator writes it: null
// struct fields left out (ignoreNullFields), timestamps as yyyy-MM-dd'T'HH:mm:ss.SSSXXX in the
// session zone, dates as yyyy-MM-dd, doubles as Java prints them (NaN/Infinity quoted), decimals as
// BigDecimal.toString, binaries in base64. Options: timestampFormat, timestampNTZFormat,
// dateFormat, ignoreNullFields.
import { SluiceError } from "../../errors.ts";
import type { CalendarInterval } from "../../types/calendar_interval.ts";
import { calendarIntervalToString, dayTimeIntervalToString, yearMonthIntervalToString } from "../cast_datetime.ts";
import { STRING, type DataType } from "../../types/data_type.ts";
import { compileDatetimePattern, DEFAULT_TIMESTAMP_FORMAT } from "../datetime/datetime_pattern.ts";
import { MICROS_PER_DAY } from "../datetime/civil_date.ts";
import type { TimeZone } from "../datetime/time_zone.ts";
import type { ScalarFunction } from "../function_def.ts";
import { base64Of } from "./base64.ts";
import { javaDoubleString, zoneOf } from "./datetime_args.ts";
import { jsonOptions } from "./json_options.ts";
import { quoteJson } from "./json_value.ts";

/** java.math.BigDecimal.toString of unscaled × 10^-scale. */
export function bigDecimalString(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString();
  const adjusted = digits.length - 1 - scale;
  let body: string;
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) body = digits;
    else if (digits.length > scale) body = digits.slice(0, digits.length - scale) + "." + digits.slice(digits.length - scale);
    else body = "0." + "0".repeat(scale - digits.length) + digits;
  } else {
    body = (digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits) + "E" + (adjusted >= 0 ? "+" : "") + adjusted;
  }
  return (neg ? "-" : "") + body;
}

/** Java's Float.toString for a float value. */
export function javaFloatString(f: number): string {
  if (!Number.isFinite(f) || f === 0) return javaDoubleString(f);
  // The shortest decimal that rounds back to the same float.
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return javaDoubleString(Number(s));
  }
  return javaDoubleString(f);
}

interface Writer {
  (v: unknown): string;
}

export function jsonWriter(t: DataType, zone: TimeZone, opts: Map<string, string>): Writer {
  const ignoreNulls = (opts.get("ignorenullfields") ?? "true").toLowerCase() !== "false";
  const tsPattern = compileDatetimePattern(opts.get("timestampformat") ?? DEFAULT_TIMESTAMP_FORMAT, false);
  const ntzPattern = compileDatetimePattern(opts.get("timestampntzformat") ?? "yyyy-MM-dd'T'HH:mm:ss[.SSS]", false);
  const datePattern = compileDatetimePattern(opts.get("dateformat") ?? "yyyy-MM-dd", false);
  const build = (t: DataType): Writer => {
    switch (t.kind) {
      case "struct": {
        const names = t.fields.map((f) => quoteJson(f.name) + ":");
        const writers = t.fields.map((f) => build(f.dataType));
        return (v) => {
          const row = v as unknown[];
          const parts: string[] = [];
          for (let i = 0; i < writers.length; i++) {
            const x = row[i];
            if (x === null || x === undefined) {
              if (!ignoreNulls) parts.push(names[i] + "null");
            } else {
              parts.push(names[i] + writers[i]!(x));
            }
          }
          return "{" + parts.join(",") + "}";
        };
      }
      case "array": {
        const w = build(t.elementType);
        return (v) => "[" + (v as unknown[]).map((x) => (x === null || x === undefined ? "null" : w(x))).join(",") + "]";
      }
      case "map": {
        const kw = keyText(t.keyType, zone);
        const w = build(t.valueType);
        return (v) => {
          const parts: string[] = [];
          for (const [k, x] of v as Map<unknown, unknown>) parts.push(quoteJson(kw(k)) + ":" + (x === null || x === undefined ? "null" : w(x)));
          return "{" + parts.join(",") + "}";
        };
      }
      case "string": return (v) => quoteJson(v as string);
      case "boolean": return (v) => (v ? "true" : "false");
      case "byte": case "short": case "int": case "long": return (v) => String(v);
      case "double": return (v) => (Number.isFinite(v as number) ? javaDoubleString(v as number) : quoteJson(javaDoubleString(v as number)));
      case "float": return (v) => (Number.isFinite(v as number) ? javaFloatString(v as number) : quoteJson(javaDoubleString(v as number)));
      case "decimal": {
        const scale = t.scale;
        return (v) => bigDecimalString(v as bigint, scale);
      }
      case "binary": return (v) => quoteJson(base64Of(v as Uint8Array));
      case "date": return (v) => quoteJson(datePattern.formatLocal((v as number) * MICROS_PER_DAY));
      case "timestamp": return (v) => quoteJson(tsPattern.format(v as number, zone));
      case "timestamp_ntz": return (v) => quoteJson(ntzPattern.formatLocal(v as number));
      // JacksonGenerator writes intervals as strings: ANSI intervals in their SQL form.
      case "yearmonth_interval": {
        const { startField: s, endField: e } = t;
        return (v) => quoteJson(yearMonthIntervalToString(v as number, s, e));
      }
      case "daytime_interval": {
        const { startField: s, endField: e } = t;
        return (v) => quoteJson(dayTimeIntervalToString(v as number, s, e));
      }
      case "calendar_interval": return (v) => quoteJson(calendarIntervalToString(v as CalendarInterval));
      default: return (v) => quoteJson(String(v));
    }
  };
  return build(t);
}

/** The text of a map key: JacksonGenerator writes the key's toString (a struct key as `[a,b]`). */
function keyText(t: DataType, zone: TimeZone): (k: unknown) => string {
  if (t.kind === "string") return (k) => k as string;
  if (t.kind === "struct") {
    const fs = t.fields.map((f) => keyText(f.dataType, zone));
    return (k) => "[" + (k as unknown[]).map((x, i) => (x === null || x === undefined ? "null" : fs[i]!(x))).join(",") + "]";
  }
  const w = jsonWriter(t, zone, new Map());
  return (k) => {
    const s = w(k);
    return s.startsWith('"') ? JSON.parse(s) : s;
  };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "to_json",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const a = args[0]!;
    const k = a.type.kind;
    if (k !== "struct" && k !== "map" && k !== "array") {
      throw new SluiceError(
        "DATATYPE_MISMATCH.INVALID_JSON_SCHEMA",
        `Cannot resolve "${ctx.sql}" due to data type mismatch: Input schema "${a.type.sql()}" must be a struct, an array, a map or a variant.`,
        { sqlState: "42K09" },
      );
    }
    const w = jsonWriter(a.type, zoneOf(ctx), jsonOptions(args[1]));
    // Spark prints to_json without its options.
    return { type: STRING, nullable: a.nullable, args: [a], impl: (v: unknown) => w(v), printed: args.length > 1 ? (p) => `to_json(${p[0]})` : undefined };
  },
};
export default fn;
