// createDataFrame(rows) without a schema, or with column names only: the schema PySpark infers from
// local data (_inferSchemaFromList). Every row is looked at and the types merged; an object's keys
// are sorted, as PySpark sorts a dict's; arrays' columns are _1, _2, … unless named. A value's type:
// a bigint or an integral number is BIGINT (Python's int), a fractional number DOUBLE, a string
// STRING, a boolean BOOLEAN, a Date TIMESTAMP, bytes BINARY. Beyond Spark: JavaScript has one
// number type, so a column of 1 and 1.5 is DOUBLE (PySpark cannot merge int and float); arrays,
// maps and nested objects need a schema.
import { userError } from "../errors.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import type { StructType } from "../types/data_type.ts";

type UserRow = readonly unknown[] | Record<string, unknown>;

/** A value's inferred type: PySpark's name for messages, the DDL, and whether it came from a bigint. */
interface InferredType {
  readonly name: string;
  readonly ddl: string;
  readonly exact?: boolean;
}

const LONG_T: InferredType = { name: "LongType", ddl: "BIGINT" };

function typeOfValue(v: unknown): InferredType | undefined {
  switch (typeof v) {
    case "bigint": return { ...LONG_T, exact: true };
    case "number": return Number.isInteger(v) ? LONG_T : { name: "DoubleType", ddl: "DOUBLE" };
    case "string": return { name: "StringType", ddl: "STRING" };
    case "boolean": return { name: "BooleanType", ddl: "BOOLEAN" };
  }
  if (v instanceof Date) return { name: "TimestampType", ddl: "TIMESTAMP" };
  if (v instanceof Uint8Array) return { name: "BinaryType", ddl: "BINARY" };
  return undefined;
}

/**
 * The schema of `rows`, and the rows as arrays in its column order. Objects' columns are their
 * keys sorted (PySpark's dicts); `names` renames the columns in order (the first ones, if fewer).
 */
export function inferRowsSchema(rows: readonly UserRow[], names?: readonly string[]): { schema: StructType; rows: unknown[][] } {
  if (rows.length === 0) {
    throw userError("CANNOT_INFER_EMPTY_SCHEMA", "Can not infer schema from an empty dataset.", {
      hint: 'Give the schema: createDataFrame([], "id BIGINT, name STRING").',
    });
  }
  const keys = columnNames(rows);
  const positional = rows.map((r) => (Array.isArray(r) ? [...r] : keys.map((k) => (r as Record<string, unknown>)[k])));
  const columns = keys.map((k, i) => names?.[i] ?? k);
  const types: (InferredType | null)[] = columns.map(() => null);
  for (const row of positional) {
    columns.forEach((name, i) => {
      const v = row[i];
      if (v === null || v === undefined) return;
      const t = typeOfValue(v);
      if (t === undefined) {
        throw userError("CANNOT_INFER_TYPE_FOR_FIELD", `Unable to infer the type of the field \`${name}\`.`, {
          hint: "Beyond Spark: Sluice infers numbers, bigints, strings, booleans, Dates and bytes; for arrays, maps and " +
            `structs give the schema, e.g. createDataFrame(rows, "${name} ARRAY<STRING>, …").`,
        });
      }
      types[i] = merge(types[i] ?? null, t);
    });
  }
  const undetermined = columns.filter((_, i) => types[i] === null);
  if (undetermined.length > 0) {
    throw userError("CANNOT_DETERMINE_TYPE", "Some of types cannot be determined after inferring.", {
      hint: `Every value of ${undetermined.map((c) => `\`${c}\``).join(", ")} is null: give the schema, e.g. "${undetermined[0]} STRING, …".`,
    });
  }
  const schema = parseSchemaDDL(columns.map((c, i) => `\`${c.replaceAll("`", "``")}\` ${types[i]!.ddl}`).join(", "));
  return { schema, rows: positional };
}

/** Column names without a schema: arrays' _1.._n (the longest row), objects' keys sorted, as PySpark's dicts. */
function columnNames(rows: readonly UserRow[]): string[] {
  if (rows.every((r) => Array.isArray(r))) {
    const width = Math.max(...rows.map((r) => (r as unknown[]).length));
    return Array.from({ length: width }, (_, i) => `_${i + 1}`);
  }
  if (rows.some((r) => Array.isArray(r) || typeof r !== "object" || r === null)) {
    const odd = rows.find((r) => typeof r !== "object" || r === null);
    throw userError("CANNOT_INFER_SCHEMA_FOR_TYPE", `Can not infer schema for type: \`${odd === undefined ? "mixed arrays and objects" : odd === null ? "null" : typeof odd}\`.`, {
      hint: "Give every row as an object keyed by column name (or every row as an array), or give the schema.",
    });
  }
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) keys.add(k);
  // Python sorts str keys by code point; so does a comparison of JavaScript strings' UTF-16 units
  // except for characters beyond U+FFFF, which column names rarely hold.
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function merge(a: InferredType | null, b: InferredType): InferredType {
  if (a === null || a.ddl === b.ddl) return a ?? b;
  // Integral and fractional numbers: DOUBLE (a bigint beyond 2^53 would be rounded: refused).
  const numbers = ["LongType", "DoubleType"];
  if (numbers.includes(a.name) && numbers.includes(b.name) && !a.exact && !b.exact) return a.name === "DoubleType" ? a : b;
  if (a.name === "LongType" && b.name === "LongType") return a.exact ? a : b;
  // PySpark's _merge_type: an atomic type and a string merge to a string.
  if (a.name === "StringType") return a;
  if (b.name === "StringType") return b;
  throw userError("CANNOT_MERGE_TYPE", `Can not merge type \`${a.name}\` and \`${b.name}\`.`, {
    hint: "A column's values must be of one type: give the schema to say which.",
  });
}
