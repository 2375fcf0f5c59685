// from_json(json, schema [, options]): parses JSON text into the schema's type, as Spark's
// JacksonParser does. The schema argument is a literal whose Bound `type` is the target type
// (STRUCT, ARRAY or MAP with STRING keys; the analyzer's form for a StructType or a parsed DDL
// string), or a STRING literal holding DDL, which is parsed here like Spark's DataType.fromDDL. PERMISSIVE (default): malformed text gives a
// struct of nulls (null for array/map schemas), a field that does not convert becomes null and the
// others are kept, empty text gives null. FAILFAST: MALFORMED_RECORD_IN_PARSING. Options:
// mode, timestampFormat, timestampNTZFormat, dateFormat, and Spark's parser options
// (allowSingleQuotes, allowNonNumericNumbers, allowComments, … with Spark's defaults).
import { foldValue, isFoldable } from "../foldable.ts";
import { SluiceError } from "../../errors.ts";
import { jsonFeatures } from "../../json/json_features.ts";
import { valueReader } from "../../json/json_row_reader.ts";
import type { DataType } from "../../types/data_type.ts";
import { parseDDL } from "../../types/ddl.ts";
import type { BindContext, Bound } from "../bound.ts";
import { compileDatetimePattern } from "../datetime/datetime_pattern.ts";
import type { TimeZone } from "../datetime/time_zone.ts";
import type { ScalarFunction } from "../function_def.ts";
import { zoneOf } from "./datetime_args.ts";
import { jsonOptions } from "./json_options.ts";
import { jsonBytesParser } from "./json_bytes_parser.ts";
// from_csv reads decimals as from_json does.
export { decimalFromText } from "../../json/json_row_reader.ts";


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

/**
 * A parser of JSON texts into `schema`, with Spark's JSON options (runtime/json: single quotes and
 * NaN allowed by default, numbers from their text so longs keep every digit and 2.0 is no integer).
 */
export function jsonParser(schema: DataType, opts: Map<string, string>, zone: TimeZone): (text: string) => unknown {
  const failFast = (opts.get("mode") ?? "PERMISSIVE").toUpperCase() === "FAILFAST";
  const pattern = (key: string) => (opts.has(key) ? compileDatetimePattern(opts.get(key)!, true) : null);
  const read = valueReader(schema, {
    features: jsonFeatures((name: string) => opts.get(name.toLowerCase())),
    // Spark's from_json copies a non-string value into a STRING field through Jackson's generator.
    exactStrings: false,
    zone,
    timestampFormat: pattern("timestampformat"),
    timestampNTZFormat: pattern("timestampntzformat"),
    dateFormat: pattern("dateformat"),
  });
  const nulls = () => (schema.kind === "struct" ? new Array(schema.fields.length).fill(null) : null);
  return (text) => {
    const r = read(text);
    switch (r.status) {
      case "ok": return r.value;
      case "empty": return null;
      // A JSON null at the root reads as a struct of nulls, like a malformed record.
      case "null": return nulls();
      case "partial":
        if (failFast) throw malformedRecord();
        return r.value;
      case "bad":
        if (failFast) throw malformedRecord();
        return nulls();
    }
  };
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
