// createDataFrame input -> internal rows. Rows may be arrays in schema order or objects keyed by
// column name; values may use everyday JS forms (Date, decimal strings, bigint, nested objects).
import { NANOS_PER_DAY, stringToTime, truncateTimeToPrecision } from "../expr/datetime/time_of_day.ts";
import { userError } from "../errors.ts";
import type { Row } from "../plugin/contract.ts";
import type { DataType, StructType } from "../types/data_type.ts";
import { toCanonicalLong } from "../types/long.ts";

const INTEGRAL_BOUNDS: Record<"byte" | "short" | "int" | "long", [bigint, bigint]> = {
  byte: [-128n, 127n], short: [-32768n, 32767n], int: [-2147483648n, 2147483647n],
  long: [-9223372036854775808n, 9223372036854775807n],
};

export function rowsFromUser(rows: readonly (readonly unknown[] | Record<string, unknown>)[], schema: StructType): Row[] {
  const convs = schema.fields.map((f) => converter(f.dataType, f.name));
  return rows.map((r, n) => {
    const values = Array.isArray(r) ? r : schema.fields.map((f) => (r as Record<string, unknown>)[f.name]);
    if (values.length !== schema.fields.length) {
      throw userError("AXIS_LENGTH_MISMATCH", `Row ${n} has ${values.length} values but the schema has ${schema.fields.length} fields.`, {
        hint: "Give one value per schema field, in schema order, or pass rows as objects keyed by column name.",
      });
    }
    return values.map((v, i) => convs[i]!(v ?? null));
  });
}

function converter(t: DataType, name: string): (v: unknown) => unknown {
  const bad = (v: unknown): never => {
    throw userError("FIELD_DATA_TYPE_UNACCEPTABLE", `Field ${name}: ${t.simpleString()} can not accept object ${JSON.stringify(v) ?? String(v)} in type ${typeof v}.`, {
      sqlState: "42K09", hint: "Pass values of the column's type (see the value table in the README).",
    });
  };
  switch (t.kind) {
    case "timestamp":
    case "timestamp_ntz":
      return (v) => (v === null ? null : v instanceof Date ? v.getTime() * 1000 : typeof v === "number" ? v : bad(v));
    case "date":
      return (v) => (v === null ? null : v instanceof Date ? Math.floor(v.getTime() / 86_400_000) : typeof v === "number" ? v : bad(v));
    case "time":
      // Its text ("09:30:00.5"), or nanoseconds since midnight.
      return (v) => {
        if (v === null) return null;
        const nanos = typeof v === "string" ? stringToTime(v) : typeof v === "number" && Number.isInteger(v) && v >= 0 && v < NANOS_PER_DAY ? v : null;
        return nanos === null ? bad(v) : truncateTimeToPrecision(nanos, t.precision);
      };
    case "decimal":
      return (v) => {
        if (v === null) return null;
        if (typeof v === "bigint") return v;
        if (typeof v !== "string" && typeof v !== "number") return bad(v);
        const s = typeof v === "number" ? v.toFixed(t.scale) : v.trim();
        const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
        if (!m) return bad(v);
        const frac = (m[3] ?? "").padEnd(t.scale, "0");
        if (frac.length > t.scale && /[1-9]/.test(frac.slice(t.scale))) return bad(v);
        return BigInt((m[1] === "-" ? "-" : "") + ((m[2] || "0") + frac.slice(0, t.scale)));
      };
    case "long":
    case "int":
    case "short":
    case "byte": {
      const [lo, hi] = INTEGRAL_BOUNDS[t.kind];
      return (v) => {
        if (v === null) return null;
        if (typeof v !== "bigint" && !(typeof v === "number" && Number.isInteger(v))) return bad(v);
        if (v < lo || v > hi) {
          throw userError("VALUE_OUT_OF_BOUNDS", `Value for \`obj\` must be between ${lo} and ${hi} (inclusive), got ${v}`, {
            hint: `Field ${name} is ${t.simpleString()}.`,
          });
        }
        if (typeof v === "number" && !Number.isSafeInteger(v)) {
          // Beyond 2^53 a JS number has already been rounded; only a bigint carries the exact value.
          throw userError("FIELD_DATA_TYPE_UNACCEPTABLE", `Field ${name}: ${t.simpleString()} can not accept the number ${v}: integers beyond ±(2^53 - 1) are not exact in JavaScript.`, {
            sqlState: "42K09", hint: `Pass the value as a bigint (${BigInt(v)}n, or BigInt("…") from its text).`,
          });
        }
        return toCanonicalLong(v);
      };
    }
    case "float":
      return (v) => (v === null ? null : typeof v === "number" ? Math.fround(v) : bad(v));
    case "double":
      return (v) => (v === null ? null : typeof v === "number" ? v : bad(v));
    case "string":
      return (v) => (v === null ? null : typeof v === "string" ? v : bad(v));
    case "boolean":
      return (v) => (v === null ? null : typeof v === "boolean" ? v : bad(v));
    case "binary":
      return (v) => (v === null ? null : v instanceof Uint8Array ? v : typeof v === "string" ? new TextEncoder().encode(v) : bad(v));
    case "array": {
      const el = converter(t.elementType, name);
      return (v) => (v === null ? null : Array.isArray(v) ? v.map((x) => el(x ?? null)) : bad(v));
    }
    case "map": {
      const k = converter(t.keyType, name), val = converter(t.valueType, name);
      return (v) => {
        if (v === null) return null;
        const entries = v instanceof Map ? [...v] : typeof v === "object" ? Object.entries(v as object) : bad(v);
        return new Map(entries.map(([a, b]) => [k(a), val(b ?? null)]));
      };
    }
    case "struct": {
      const fs = t.fields.map((f) => converter(f.dataType, `${name}.${f.name}`));
      return (v) => {
        if (v === null) return null;
        const vals = Array.isArray(v) ? v : typeof v === "object" ? t.fields.map((f) => (v as Record<string, unknown>)[f.name]) : bad(v);
        return vals.map((x, i) => fs[i]!(x ?? null));
      };
    }
    default:
      return (v) => v;
  }
}
