// A write's schema against the table's (delta-spark's ImplicitMetadataOperation and
// SchemaMergingUtils.mergeSchemas): a new table takes the data's schema (all nullable); an
// existing one accepts data with the same columns, fewer columns (missing ones are null), types
// Spark converts implicitly (cast on write), and — with mergeSchema — new columns, appended at
// the end. Anything else is Delta's schema-mismatch error. Rows are then rearranged into the
// table's column order, converted, and checked against NOT NULL columns.
import { ArrayType, castFunction, MapType, StructField, StructType, userError, type DataType, type Row } from "sluice/plugin-sdk";
import {
  duplicateColumns, emptyData, failedToMergeFields, incompatibleTypes, invalidColumnNames, nullTypeColumn, partitionColumnNotFound,
} from "./errors.ts";
import { asNullable } from "../formats/spark_schema_json.ts";

const INVALID_NAME = /[ ,;{}()\n\t=]/;

/** Checks a schema a new table (or a schema change) would get: Delta's rules on names and types. */
export function checkTableSchema(schema: StructType, streaming: boolean): void {
  if (schema.fields.length === 0) throw emptyData();
  const bad: string[] = [];
  const walk = (t: DataType, prefix: string) => {
    if (t.kind === "struct") {
      const seen = new Map<string, string>();
      const dups: string[] = [];
      for (const f of t.fields) {
        const lower = f.name.toLowerCase();
        if (seen.has(lower)) dups.push(`${prefix}${f.name}`);
        seen.set(lower, f.name);
        if (INVALID_NAME.test(f.name)) bad.push(`${prefix}${f.name}`);
        if (f.dataType.kind === "null") {
          if (streaming) throw userError("DELTA_NULL_SCHEMA_IN_STREAMING_WRITE", "Delta doesn't accept NullTypes in the schema for streaming writes.", { sqlState: "42P18" });
        } else if (hasNull(f.dataType)) throw nullTypeColumn(`${prefix}${f.name}`, f.dataType.simpleString());
        walk(f.dataType, `${prefix}${f.name}.`);
      }
      if (dups.length > 0) throw duplicateColumns(dups.map((d) => `\`${d}\``));
    } else if (t.kind === "array") walk(t.elementType, prefix);
    else if (t.kind === "map") {
      walk(t.keyType, prefix);
      walk(t.valueType, prefix);
    }
  };
  walk(schema, "");
  if (bad.length > 0) throw invalidColumnNames(bad);
}

function hasNull(t: DataType): boolean {
  switch (t.kind) {
    case "null": return true;
    case "struct": return t.fields.some((f) => hasNull(f.dataType));
    case "array": return hasNull(t.elementType);
    case "map": return hasNull(t.keyType) || hasNull(t.valueType);
    default: return false;
  }
}

const NUMERIC = new Set(["byte", "short", "int", "long", "float", "double", "decimal"]);

/** Spark's TypeCoercion.implicitCast between atomic types: the type `from` becomes, or undefined. */
function implicitCastTo(from: DataType, to: DataType): DataType | undefined {
  if (NUMERIC.has(from.kind) && NUMERIC.has(to.kind)) return to;
  if (from.kind === "string" && (NUMERIC.has(to.kind) || to.kind === "date" || to.kind === "timestamp" || to.kind === "timestamp_ntz" || to.kind === "binary")) return to;
  if (to.kind === "string" && from.kind !== "binary" && from.kind !== "struct" && from.kind !== "array" && from.kind !== "map") return to;
  if (from.kind === "date" && (to.kind === "timestamp" || to.kind === "timestamp_ntz")) return to;
  if ((from.kind === "timestamp" || from.kind === "timestamp_ntz") && (to.kind === "date" || to.kind === "timestamp" || to.kind === "timestamp_ntz")) return to;
  return undefined;
}

const SMALL_INTS = new Set(["byte", "short", "int"]);

/**
 * Merges the data's type into the table's (mergeDataTypes with implicit conversions): struct
 * fields by name ignoring case, new fields appended, the table's type kept where the data's
 * converts to it.
 */
export function mergeTypes(current: DataType, update: DataType): DataType {
  if (current.kind === "struct" && update.kind === "struct") {
    const updates = new Map(update.fields.map((f) => [f.name.toLowerCase(), f]));
    const merged = current.fields.map((cf) => {
      const uf = updates.get(cf.name.toLowerCase());
      if (!uf) return cf;
      try {
        return new StructField(cf.name, mergeTypes(cf.dataType, uf.dataType), cf.nullable, cf.metadata);
      } catch (e) {
        throw failedToMergeFields(cf.name, uf.name, e as never);
      }
    });
    const names = new Set(current.fields.map((f) => f.name.toLowerCase()));
    return new StructType([...merged, ...update.fields.filter((f) => !names.has(f.name.toLowerCase())).map((f) => new StructField(f.name, asNullable(f.dataType), true, f.metadata))]);
  }
  if (current.kind === "array" && update.kind === "array") return new ArrayType(mergeTypes(current.elementType, update.elementType), current.containsNull);
  if (current.kind === "map" && update.kind === "map") {
    return new MapType(mergeTypes(current.keyType, update.keyType), mergeTypes(current.valueType, update.valueType), current.valueContainsNull);
  }
  if (current.equals(update)) return current;
  if (current.kind !== "struct" && current.kind !== "array" && current.kind !== "map") {
    const cast = implicitCastTo(update, current);
    if (cast) return cast;
  }
  if (SMALL_INTS.has(current.kind) && SMALL_INTS.has(update.kind)) return current;
  if (current.kind === "null") return update;
  if (update.kind === "null") return current;
  throw incompatibleTypes(typeString(current), typeString(update));
}

/** Scala's DataType.toString (e.g. "IntegerType", "StringType"), as Delta's messages print types. */
function typeString(t: DataType): string {
  switch (t.kind) {
    case "int": return "IntegerType";
    case "long": return "LongType";
    case "short": return "ShortType";
    case "byte": return "ByteType";
    case "float": return "FloatType";
    case "double": return "DoubleType";
    case "string": return "StringType";
    case "boolean": return "BooleanType";
    case "binary": return "BinaryType";
    case "date": return "DateType";
    case "timestamp": return "TimestampType";
    case "timestamp_ntz": return "TimestampNTZType";
    case "decimal": return `DecimalType(${t.precision},${t.scale})`;
    default: return t.simpleString();
  }
}

/** Whether `merged` adds anything to `table` (new columns anywhere). */
export function schemaGrew(table: StructType, merged: StructType): boolean {
  return !sameIgnoringNullability(table, merged);
}

export function sameIgnoringNullability(a: DataType, b: DataType): boolean {
  if (a.kind === "struct" && b.kind === "struct") {
    return a.fields.length === b.fields.length &&
      a.fields.every((f, i) => f.name.toLowerCase() === b.fields[i]!.name.toLowerCase() && sameIgnoringNullability(f.dataType, b.fields[i]!.dataType));
  }
  if (a.kind === "array" && b.kind === "array") return sameIgnoringNullability(a.elementType, b.elementType);
  if (a.kind === "map" && b.kind === "map") return sameIgnoringNullability(a.keyType, b.keyType) && sameIgnoringNullability(a.valueType, b.valueType);
  return a.equals(b);
}

/** The table's partition columns for `partitionBy`, spelled as the schema spells them. */
export function resolvePartitionColumns(partitionBy: readonly string[], schema: StructType): string[] {
  return partitionBy.map((p) => {
    const f = schema.fields.find((x) => x.name.toLowerCase() === p.toLowerCase());
    if (!f) throw partitionColumnNotFound(p, schema);
    const k = f.dataType.kind;
    if (k === "array" || k === "map" || k === "struct" || k === "binary" || k === "null") {
      throw userError("INVALID_PARTITION_COLUMN_DATA_TYPE", `Cannot use ${f.dataType.sql()} for partition column.`, { sqlState: "0A000" });
    }
    return f.name;
  });
}

/**
 * A function putting a row of `data` into `table`'s column order (matched by name, ignoring case),
 * converting values whose types differ and leaving missing columns null; null in a NOT NULL
 * column is Delta's DELTA_NOT_NULL_CONSTRAINT_VIOLATED. Undefined when rows need no change.
 */
export function rowAdapter(data: StructType, table: StructType, timeZone: string): ((row: Row) => Row) | undefined {
  const conv = convertStruct(data, table, timeZone);
  const required = table.fields.map((f, i) => (f.nullable ? -1 : i)).filter((i) => i >= 0);
  if (!conv && required.length === 0) return undefined;
  return (row) => {
    const out = conv ? (conv(row) as Row) : row;
    for (const i of required) {
      if (out[i] === null || out[i] === undefined) {
        throw userError("DELTA_NOT_NULL_CONSTRAINT_VIOLATED", `NOT NULL constraint violated for column: ${table.fields[i]!.name}.\n`, { sqlState: "23502" });
      }
    }
    return out;
  };
}

type Conv = (v: unknown) => unknown;

function convertStruct(from: StructType, to: StructType, tz: string): Conv | undefined {
  const idx = to.fields.map((f) => from.fields.findIndex((x) => x.name.toLowerCase() === f.name.toLowerCase()));
  const convs = to.fields.map((f, i) => (idx[i]! < 0 ? undefined : convert(from.fields[idx[i]!]!.dataType, f.dataType, tz)));
  const identity = from.fields.length === to.fields.length && idx.every((j, i) => j === i) && convs.every((c) => c === undefined);
  if (identity) return undefined;
  return (v) => {
    if (v === null || v === undefined) return null;
    const r = v as unknown[];
    const out = new Array(idx.length);
    for (let i = 0; i < idx.length; i++) {
      const j = idx[i]!;
      if (j < 0) out[i] = null;
      else {
        const x = r[j];
        const c = convs[i];
        out[i] = c === undefined || x === null || x === undefined ? x ?? null : c(x);
      }
    }
    return out;
  };
}

function convert(from: DataType, to: DataType, tz: string): Conv | undefined {
  if (from.kind === "struct" && to.kind === "struct") return convertStruct(from, to, tz);
  if (from.kind === "array" && to.kind === "array") {
    const c = convert(from.elementType, to.elementType, tz);
    return c && ((v) => (v as unknown[]).map((x) => (x === null || x === undefined ? null : c(x))));
  }
  if (from.kind === "map" && to.kind === "map") {
    const k = convert(from.keyType, to.keyType, tz);
    const x = convert(from.valueType, to.valueType, tz);
    if (!k && !x) return undefined;
    return (v) => {
      const m = new Map();
      for (const [a, b] of v as Map<unknown, unknown>) m.set(k ? k(a) : a, b === null || b === undefined || !x ? b ?? null : x(b));
      return m;
    };
  }
  if (from.equals(to)) return undefined;
  if (from.kind === "null") return () => null;
  // Byte, short and int are one physical type in Parquet; Spark widens or narrows between them.
  return castFunction(from, to, true, tz);
}
