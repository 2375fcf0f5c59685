// from_json(json, schema [, options]): parses JSON text into the schema's type, as Spark's
// JacksonParser does. The schema argument is a literal whose Bound `type` is the target type
// (STRUCT, ARRAY or MAP with STRING keys; the analyzer's form for a StructType or a parsed DDL
// string), or a STRING literal holding DDL, which is parsed here like Spark's DataType.fromDDL. PERMISSIVE (default): malformed text gives a
// struct of nulls (null for array/map schemas), a field that does not convert becomes null and the
// others are kept, empty text gives null. FAILFAST: MALFORMED_RECORD_IN_PARSING. Options:
// mode, timestampFormat, timestampNTZFormat, dateFormat.
import { foldValue, isFoldable } from "../foldable.ts";
import { SluiceError } from "../../errors.ts";
import type { DataType } from "../../types/data_type.ts";
import { longFromBigInt } from "../../types/long.ts";
import { parseDDL } from "../../types/ddl.ts";
import type { BindContext, Bound } from "../bound.ts";
import { compileDatetimePattern, type DatetimePattern } from "../datetime/datetime_pattern.ts";
import { MICROS_PER_DAY, MICROS_PER_SECOND, floorDiv } from "../datetime/civil_date.ts";
import { stringToDate } from "../datetime/string_to_date.ts";
import { stringToTimestamp, stringToTimestampWithoutTimeZone } from "../datetime/string_to_timestamp.ts";
import type { TimeZone } from "../datetime/time_zone.ts";
import type { ScalarFunction } from "../function_def.ts";
import { zoneOf } from "./datetime_args.ts";
import { stringToCalendarInterval, stringToDayTimeInterval, stringToYearMonthInterval } from "../cast_interval.ts";
import { jsonOptions } from "./json_options.ts";
import { jsonBytesParser } from "./json_bytes_parser.ts";
import { JsonSyntaxError, parseJson, writeJson, type JsonNode } from "./json_value.ts";
import { decodeMimeBase64 } from "./unbase64.ts";

/** A value that does not fit its target type; the enclosing field becomes null. */
class ConvertError extends Error {}

const fail = (): never => {
  throw new ConvertError();
};

interface Ctx {
  zone: TimeZone;
  ts: DatetimePattern | null;
  ntz: DatetimePattern | null;
  date: DatetimePattern | null;
  /** Set when a field was nulled because it did not convert (a partial result). */
  partial: boolean;
}

const LIMITS: Record<string, [bigint, bigint]> = {
  byte: [-128n, 127n], short: [-32768n, 32767n], int: [-2147483648n, 2147483647n],
  long: [-9223372036854775808n, 9223372036854775807n],
};

const SPECIAL_DOUBLES: Record<string, number> = {
  NaN: NaN, Infinity: Infinity, "+Infinity": Infinity, "-Infinity": -Infinity, INF: Infinity, "+INF": Infinity, "-INF": -Infinity,
};

/** Decimal text rounded HALF_UP to `scale`; null when it needs more than `precision` digits. */
export function decimalFromText(text: string, precision: number, scale: number): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (m === null) return null;
  const digits = BigInt(m[2]! + (m[3] ?? ""));
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  let v: bigint;
  const shift = exp + scale;
  if (shift >= 0) {
    v = digits * 10n ** BigInt(shift);
  } else {
    const d = 10n ** BigInt(-shift);
    v = digits / d;
    if ((digits % d) * 2n >= d) v += 1n;
  }
  if (v.toString().length > precision) return null;
  return m[1] === "-" ? -v : v;
}

function convert(n: JsonNode, t: DataType, c: Ctx): unknown {
  if (n.t === "null") return null;
  switch (t.kind) {
    case "struct": {
      if (n.t !== "obj") return fail();
      const row: unknown[] = new Array(t.fields.length).fill(null);
      for (const [k, v] of n.entries) {
        const i = t.fields.findIndex((f) => f.name === k);
        if (i < 0) continue;
        try {
          row[i] = convert(v, t.fields[i]!.dataType, c);
        } catch (e) {
          if (!(e instanceof ConvertError)) throw e;
          row[i] = null;
          c.partial = true;
        }
      }
      return row;
    }
    case "array":
      if (n.t !== "arr") return fail();
      return n.items.map((x) => convert(x, t.elementType, c));
    case "map": {
      if (n.t !== "obj") return fail();
      const m = new Map<unknown, unknown>();
      for (const [k, v] of n.entries) m.set(k, convert(v, t.valueType, c));
      return m;
    }
    case "string":
      return n.t === "str" ? n.v : writeJson(n);
    case "boolean":
      return n.t === "bool" ? n.v : fail();
    case "byte": case "short": case "int": case "long": {
      if (n.t !== "num" || !n.int) return fail();
      const v = BigInt(n.text);
      const [lo, hi] = LIMITS[t.kind]!;
      return v < lo || v > hi ? fail() : longFromBigInt(v);
    }
    case "float": case "double": {
      let v: number;
      if (n.t === "num") v = Number(n.text);
      else if (n.t === "str" && n.v in SPECIAL_DOUBLES) v = SPECIAL_DOUBLES[n.v]!;
      else return fail();
      return t.kind === "float" ? Math.fround(v) : v;
    }
    case "decimal": {
      if (n.t !== "num") return fail();
      return decimalFromText(n.text, t.precision, t.scale) ?? fail();
    }
    case "timestamp": {
      if (n.t === "num" && n.int) return Number(n.text) * MICROS_PER_SECOND;
      if (n.t !== "str") return fail();
      const v = c.ts ? c.ts.tryParse(n.v, c.zone) : stringToTimestamp(n.v, c.zone);
      return v ?? fail();
    }
    case "timestamp_ntz": {
      if (n.t !== "str") return fail();
      let v: number | null;
      try {
        v = c.ntz ? c.ntz.parseLocal(n.v) : stringToTimestampWithoutTimeZone(n.v, false);
      } catch {
        v = null;
      }
      return v ?? fail();
    }
    case "date": {
      if (n.t !== "str") return fail();
      if (c.date) {
        const m = c.date.tryParse(n.v, c.zone);
        return m === null ? fail() : floorDiv(c.zone.toLocal(m), MICROS_PER_DAY);
      }
      return stringToDate(n.v) ?? fail();
    }
    case "binary":
      return n.t === "str" ? decodeMimeBase64(n.v) : fail();
    // JacksonParser: an interval is a string, read as CAST(text AS <interval type>).
    case "yearmonth_interval": case "daytime_interval": case "calendar_interval": {
      if (n.t !== "str") return fail();
      try {
        const v = t.kind === "calendar_interval" ? stringToCalendarInterval(n.v)
          : t.kind === "yearmonth_interval" ? stringToYearMonthInterval(n.v, t.startField, t.endField)
          : stringToDayTimeInterval(n.v, t.startField, t.endField);
        return v ?? fail();
      } catch (e) {
        if (e instanceof SluiceError) return fail();
        throw e;
      }
    }
    default:
      return fail();
  }
}

export function malformedRecord(): SluiceError {
  return new SluiceError(
    "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
    "Malformed records are detected in record parsing: [null].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. ",
    { sqlState: "22023" },
  );
}

function invalidSchema(ctx: BindContext, t: DataType): SluiceError {
  return new SluiceError(
    "DATATYPE_MISMATCH.INVALID_JSON_SCHEMA",
    `Cannot resolve "${ctx.sql}" due to data type mismatch: Input schema "${t.sql()}" must be a struct, an array, a map or a variant.`,
    { sqlState: "42K09" },
  );
}

function checkMapKeys(t: DataType, ctx: BindContext, root: DataType): void {
  switch (t.kind) {
    case "map":
      if (t.keyType.kind !== "string") {
        throw new SluiceError(
          "DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE",
          `Cannot resolve "${ctx.sql}" due to data type mismatch: Input schema "${root.sql()}" can only contain STRING as a key type for a MAP.`,
          { sqlState: "42K09" },
        );
      }
      checkMapKeys(t.valueType, ctx, root);
      return;
    case "array": checkMapKeys(t.elementType, ctx, root); return;
    case "struct": for (const f of t.fields) checkMapKeys(f.dataType, ctx, root); return;
  }
}

/** A parser of JSON texts into `schema` (also usable by readers of JSON files). */
export function jsonParser(schema: DataType, opts: Map<string, string>, zone: TimeZone): (text: string) => unknown {
  const failFast = (opts.get("mode") ?? "PERMISSIVE").toUpperCase() === "FAILFAST";
  const c: Ctx = {
    zone,
    ts: opts.has("timestampformat") ? compileDatetimePattern(opts.get("timestampformat")!, true) : null,
    ntz: opts.has("timestampntzformat") ? compileDatetimePattern(opts.get("timestampntzformat")!, true) : null,
    date: opts.has("dateformat") ? compileDatetimePattern(opts.get("dateformat")!, true) : null,
    partial: false,
  };
  return (text) => parseOne(text, schema, c, failFast);
}

function parseOne(text: string, schema: DataType, c: Ctx, failFast: boolean): unknown {
  const malformed = () => {
    if (failFast) throw malformedRecord();
    return schema.kind === "struct" ? new Array(schema.fields.length).fill(null) : null;
  };
  let node: JsonNode | null;
  try {
    node = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return malformed();
    throw e;
  }
  if (node === null) return null;
  // A JSON null at the root reads as a struct of nulls, like a malformed record.
  if (node.t === "null" && schema.kind === "struct") return new Array(schema.fields.length).fill(null);
  // A single object where an array of structs is expected is read as a one-element array.
  if (schema.kind === "array" && node.t === "obj" && schema.elementType.kind === "struct") node = { t: "arr", items: [node] };
  c.partial = false;
  let v: unknown;
  try {
    v = convert(node, schema, c);
  } catch (e) {
    if (e instanceof ConvertError) return malformed();
    throw e;
  }
  if (c.partial && failFast) throw malformedRecord();
  return v;
}

export function schemaOf(arg: Bound, ctx: BindContext): DataType {
  // The analyzer's form: a literal typed with the schema itself, holding its DDL text.
  if (arg.kind === "lit" && typeof arg.value === "string" && arg.type.kind !== "string") return arg.type;
  // A foldable string (a literal, or schema_of_json(…)) holds the schema.
  const value = arg.type.kind === "string" && isFoldable(arg) ? foldValue(arg) : undefined;
  if (typeof value !== "string") {
    throw new SluiceError(
      "INVALID_SCHEMA.NON_STRING_LITERAL",
      `The input schema "${ctx.argSql[1]}" is not a valid schema string. The input expression must be string literal and not null.`,
      { sqlState: "42K07" },
    );
  }
  return parseDDL(value);
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "from_json",
  minArgs: 2,
  maxArgs: 3,
  bind(args, ctx) {
    const [json, schemaArg] = [args[0]!, args[1]!];
    const schema = schemaOf(schemaArg, ctx);
    if (schema.kind !== "struct" && schema.kind !== "array" && schema.kind !== "map") throw invalidSchema(ctx, schema);
    checkMapKeys(schema, ctx, schema);
    const opts = jsonOptions(args[2]);
    const zone = zoneOf(ctx);
    const mode = (opts.get("mode") ?? "PERMISSIVE").toUpperCase();
    if (mode !== "PERMISSIVE" && mode !== "FAILFAST") {
      throw new SluiceError(
        "PARSE_MODE_UNSUPPORTED",
        `The function \`from_json\` doesn't support the ${mode} mode. Acceptable modes are PERMISSIVE and FAILFAST.`,
        { sqlState: "42601" },
      );
    }
    const k = json.type.kind;
    if (k !== "string" && k !== "null") {
      throw new SluiceError(
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        `Cannot resolve "${ctx.sql}" due to data type mismatch: The first parameter requires the "STRING" type, however "${ctx.argSql[0]}" has the type "${json.type.sql()}".`,
        { sqlState: "42K09" },
      );
    }
    // JsonToStructs.sql is "entries" for a map schema, so that is the column's name.
    const printed = schema.kind === "map" ? () => "entries" : undefined;
    const general = jsonParser(schema, opts, zone);
    // from_json(cast(<binary> as string)): parse the bytes (a Kafka value) without making the
    // string first; what the fast path leaves goes through the cast and the general parser.
    const cast = json.kind === "fn" && json.name === "cast" && json.args.length === 1 && json.args[0]!.type.kind === "binary" ? json : undefined;
    const onlyMode = [...opts.keys()].every((k) => k === "mode");
    const fast = cast && schema.kind === "struct" && onlyMode ? jsonBytesParser(schema, zone) : null;
    if (cast && fast) {
      const toText = cast.impl;
      return { type: schema, nullable: true, args: [cast.args[0]!], impl: (bytes: Uint8Array) => fast(bytes) ?? general(toText(bytes) as string), printed };
    }
    return { type: schema, nullable: true, args: [json], impl: general, printed };
  },
};
export default fn;
