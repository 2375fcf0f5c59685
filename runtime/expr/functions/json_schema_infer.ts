// JsonInferSchema over one parsed JSON value (schema_of_json): integers are BIGINT (DECIMAL when
// too big), fractions DOUBLE (or DECIMAL with prefersDecimal), primitivesAsString makes every
// scalar a STRING; object fields are sorted by name; finally NULL becomes STRING and empty structs
// are dropped (canonicalizeType).
import { ArrayType, BOOLEAN, DecimalType, DOUBLE, LONG, NULL, STRING, StructField, StructType, type DataType } from "../../types/data_type.ts";
import type { JsonNode } from "./json_value.ts";

export interface InferOptions {
  readonly primitivesAsString: boolean;
  readonly prefersDecimal: boolean;
}

/** BigDecimal's precision and scale of a JSON number's text. */
function decimalOf(text: string): { precision: number; scale: number } {
  const m = /^-?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const digits = ((m[1] ?? "") + (m[2] ?? "")).replace(/^0+/, "");
  const scale = (m[2] ?? "").length - Number(m[3] ?? 0);
  return { precision: Math.max(digits.length, 1), scale };
}

export function inferJsonType(n: JsonNode, o: InferOptions): DataType {
  switch (n.t) {
    case "null": return NULL;
    case "str": return STRING;
    case "bool": return o.primitivesAsString ? STRING : BOOLEAN;
    case "num": {
      if (o.primitivesAsString) return STRING;
      if (n.int) {
        const b = BigInt(n.text);
        if (b >= -(1n << 63n) && b < 1n << 63n) return LONG;
      } else if (!o.prefersDecimal) return DOUBLE;
      const { precision, scale } = decimalOf(n.text);
      const p = Math.max(precision, scale);
      return p <= 38 && scale >= 0 ? new DecimalType(p, scale) : DOUBLE;
    }
    case "arr": {
      let el: DataType = NULL;
      for (const x of n.items) el = compatibleType(el, inferJsonType(x, o));
      return new ArrayType(el, true);
    }
    case "obj": {
      const fields = new Map<string, StructField>();
      for (const [k, v] of n.entries) fields.set(k, new StructField(k, inferJsonType(v, o), true));
      return new StructType([...fields.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
    }
  }
}

/** JsonInferSchema.compatibleType. */
export function compatibleType(a: DataType, b: DataType): DataType {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.simpleString() === b.simpleString()) return a;
  const numeric = (t: DataType) => t.kind === "long" || t.kind === "double" || t.kind === "decimal";
  if (numeric(a) && numeric(b)) {
    if (a.kind === "double" || b.kind === "double") return DOUBLE;
    const da = a.kind === "decimal" ? a : new DecimalType(20, 0);
    const db = b.kind === "decimal" ? b : new DecimalType(20, 0);
    const scale = Math.max(da.scale, db.scale);
    const range = Math.max(da.precision - da.scale, db.precision - db.scale);
    return range + scale > 38 ? DOUBLE : new DecimalType(range + scale, scale);
  }
  if (a.kind === "struct" && b.kind === "struct") {
    const merged = new Map<string, StructField>();
    for (const f of a.fields) merged.set(f.name, f);
    for (const f of b.fields) {
      const g = merged.get(f.name);
      merged.set(f.name, g ? new StructField(f.name, compatibleType(g.dataType, f.dataType), true) : f);
    }
    return new StructType([...merged.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)));
  }
  if (a.kind === "array" && b.kind === "array") return new ArrayType(compatibleType(a.elementType, b.elementType), true);
  return STRING;
}

/** canonicalizeType: NULL becomes STRING, nameless fields and empty structs go (undefined: dropped). */
export function canonicalize(t: DataType): DataType | undefined {
  switch (t.kind) {
    case "array": {
      const el = canonicalize(t.elementType);
      return el === undefined ? undefined : new ArrayType(el, t.containsNull);
    }
    case "struct": {
      const fields = t.fields.filter((f) => f.name !== "").flatMap((f) => {
        const c = canonicalize(f.dataType);
        return c === undefined ? [] : [new StructField(f.name, c, f.nullable)];
      });
      return fields.length === 0 ? undefined : new StructType(fields);
    }
    case "null": return STRING;
    default: return t;
  }
}
