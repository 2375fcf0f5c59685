// The shape a source's batch must have before it enters the engine: an array of rows, each an
// array with one slot per schema field (types/data_type.ts). Checked per batch (or chunk) and per
// row, never per value, so it costs a length comparison per row; the first row's values are also
// checked against their field types, which catches a plugin that builds every row the wrong way.
import type { DataType, StructType } from "../types/data_type.ts";
import { isCanonicalLong } from "../types/long.ts";

/** Why `rows` is not a batch of `schema`'s rows, or null when it is one. */
export function rowsProblem(rows: unknown, schema: StructType): string | null {
  if (!Array.isArray(rows)) return `it returned ${describe(rows)}, not an array of rows`;
  const width = schema.fields.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!Array.isArray(r)) return `row ${i} is ${describe(r)}, not an array of ${width} values (one per schema field, in order)`;
    if (r.length !== width) return `row ${i} has ${r.length} values; the schema (${schema.simpleString()}) has ${width} fields`;
  }
  if (rows.length > 0) {
    const first = rows[0] as unknown[];
    for (let j = 0; j < width; j++) {
      const f = schema.fields[j]!;
      const v = first[j];
      if (v === null) continue;
      if (v === undefined) return `row 0, field ${f.name}: undefined (use null for a missing value)`;
      const want = expected(f.dataType, v);
      if (want !== null) return `row 0, field ${f.name} (${f.dataType.simpleString()}): ${describe(v)} is not ${want}`;
    }
  }
  return null;
}

/**
 * Why some value of `rows` is not in the engine's representation of its field's type (deep: array
 * elements, map entries, struct fields), or null. For tests (the test kit): it visits every value.
 */
export function valuesProblem(rows: readonly unknown[][], schema: StructType): string | null {
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < schema.fields.length; j++) {
      const f = schema.fields[j]!;
      const p = deepProblem(rows[i]![j], f.dataType, `row ${i}, field ${f.name}`);
      if (p !== null) return p;
    }
  }
  return null;
}

function deepProblem(v: unknown, t: DataType, where: string): string | null {
  if (v === null) return null;
  if (v === undefined) return `${where}: undefined (use null for a missing value)`;
  const want = expected(t, v);
  if (want !== null) return `${where} (${t.simpleString()}): ${describe(v)} is not ${want}`;
  switch (t.kind) {
    case "array":
      for (let k = 0; k < (v as unknown[]).length; k++) {
        const p = deepProblem((v as unknown[])[k], t.elementType, `${where}[${k}]`);
        if (p !== null) return p;
      }
      return null;
    case "map":
      for (const [k, x] of v as Map<unknown, unknown>) {
        const p = (k === null ? `${where}: a null map key` : deepProblem(k, t.keyType, `${where} key`)) ?? deepProblem(x, t.valueType, `${where}[${String(k)}]`);
        if (p !== null) return p;
      }
      return null;
    case "struct":
      if ((v as unknown[]).length !== t.fields.length) return `${where}: a struct of ${(v as unknown[]).length} values; the type has ${t.fields.length} fields`;
      for (let k = 0; k < t.fields.length; k++) {
        const p = deepProblem((v as unknown[])[k], t.fields[k]!.dataType, `${where}.${t.fields[k]!.name}`);
        if (p !== null) return p;
      }
      return null;
    default:
      return null;
  }
}

/** What a value of `t` must be when `v` is not one (the engine's representation), else null. */
function expected(t: DataType, v: unknown): string | null {
  switch (t.kind) {
    case "string": return typeof v === "string" ? null : "a string";
    case "boolean": return typeof v === "boolean" ? null : "a boolean";
    case "byte": case "short": case "int": case "date": case "yearmonth_interval":
      return typeof v === "number" && Number.isInteger(v) ? null : "an integral number";
    case "long":
      return isCanonicalLong(v) ? null : "a long: an integral number within ±(2^53 - 1), or a bigint beyond it";
    case "float": case "double": return typeof v === "number" ? null : "a number";
    case "timestamp": case "timestamp_ntz": case "daytime_interval":
      return typeof v === "number" ? null : "a number (microseconds)";
    case "time":
      return typeof v === "number" ? null : "a number (nanoseconds since midnight)";
    case "decimal": return typeof v === "bigint" ? null : "a bigint (the unscaled value)";
    case "binary": return v instanceof Uint8Array ? null : "a Uint8Array";
    case "array": case "struct": return Array.isArray(v) ? null : "an array";
    case "map": return v instanceof Map ? null : "a Map";
    default: return null;
  }
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object") {
    const name = (v as object).constructor?.name;
    return name === undefined || name === "Object" ? "an object" : `a ${name}`;
  }
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "bigint") return `the bigint ${v}n`;
  return `${typeof v} ${String(v)}`;
}
