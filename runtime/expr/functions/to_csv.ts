// to_csv(struct[, options]): one CSV record as Spark's StructsToCsv (UnivocityGenerator) writes
// it: dates and timestamps by dateFormat/timestampFormat (yyyy-MM-dd, yyyy-MM-dd'T'HH:mm:ss.SSSXXX),
// ANSI intervals in their SQL form, other values as Spark prints them; values trimmed, quoted when
// they hold the separator, the quote or a line break; a null field is nullValue ("").
import { SluiceError } from "../../errors.ts";
import type { CalendarInterval } from "../../types/calendar_interval.ts";
import { STRING, type DataType } from "../../types/data_type.ts";
import { calendarIntervalToString, dayTimeIntervalToString, yearMonthIntervalToString } from "../cast_datetime.ts";
import { MICROS_PER_DAY } from "../datetime/civil_date.ts";
import { compileDatetimePattern, DEFAULT_TIMESTAMP_FORMAT } from "../datetime/datetime_pattern.ts";
import type { TimeZone } from "../datetime/time_zone.ts";
import type { ScalarFunction } from "../function_def.ts";
import { csvRecordOptions, writeCsvRecord } from "./csv_record.ts";
import { javaDoubleString, zoneOf } from "./datetime_args.ts";
import { jsonOptions } from "./json_options.ts";
import { bigDecimalString, javaFloatString } from "./to_json.ts";

type Text = (v: unknown) => string;

function fieldWriter(t: DataType, opts: ReadonlyMap<string, string>, zone: TimeZone): Text {
  switch (t.kind) {
    case "date": {
      const p = compileDatetimePattern(opts.get("dateformat") ?? "yyyy-MM-dd", false);
      return (v) => p.formatLocal((v as number) * MICROS_PER_DAY);
    }
    case "timestamp": {
      const p = compileDatetimePattern(opts.get("timestampformat") ?? DEFAULT_TIMESTAMP_FORMAT, false);
      return (v) => p.format(v as number, zone);
    }
    case "timestamp_ntz": {
      const p = compileDatetimePattern(opts.get("timestampntzformat") ?? "yyyy-MM-dd'T'HH:mm:ss[.SSS]", false);
      return (v) => p.formatLocal(v as number);
    }
    case "yearmonth_interval": return (v) => yearMonthIntervalToString(v as number, t.startField, t.endField);
    case "daytime_interval": return (v) => dayTimeIntervalToString(v as number, t.startField, t.endField);
    case "calendar_interval": return (v) => calendarIntervalToString(v as CalendarInterval);
    case "double": return (v) => javaDoubleString(v as number);
    case "float": return (v) => javaFloatString(v as number);
    case "decimal": return (v) => bigDecimalString(v as bigint, t.scale);
    case "boolean": return (v) => (v ? "true" : "false");
    case "string": case "byte": case "short": case "int": case "long": return (v) => String(v);
    default:
      throw new SluiceError("UNSUPPORTED_DATATYPE", `Unsupported data type ${t.sql()}.`, { sqlState: "0A000" });
  }
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "to_csv",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const s = args[0]!;
    if (s.type.kind !== "struct") {
      throw new SluiceError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        `Cannot resolve "${ctx.sql}" due to data type mismatch: The first parameter requires the "STRUCT" type, however "${ctx.argSql[0]}" has the type "${s.type.sql()}".`,
        { sqlState: "42K09" });
    }
    const opts = jsonOptions(args[1]);
    const record = csvRecordOptions(opts);
    const zone = zoneOf(ctx);
    const writers = s.type.fields.map((f) => fieldWriter(f.dataType, opts, zone));
    return {
      type: STRING, nullable: s.nullable, args: [s],
      impl: (row: unknown[]) => writeCsvRecord(row.map((v, i) => (v === null || v === undefined ? null : writers[i]!(v))), record),
      printed: args.length > 1 ? (p) => `to_csv(${p[0]})` : undefined,
    };
  },
};
export default fn;
