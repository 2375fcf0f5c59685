// Spark's JSON schema inference (JsonInferSchema) over records read with Spark's parser options:
// each record's type (objects as structs with fields sorted by name, integers as BIGINT or a
// DECIMAL beyond it, fractions as DOUBLE or with prefersDecimal a DECIMAL, primitivesAsString),
// merged across records by compatibleType, then canonicalized (nulls become strings, or are
// dropped with dropFieldIfAllNull; empty structs are dropped).
import { SluiceError } from "../errors.ts";
import { ArrayType, BOOLEAN, type DataType, DecimalType, DOUBLE, LONG, NULL, STRING, StructField, StructType } from "../types/data_type.ts";
import { longFromDigits } from "../types/long.ts";
import { JsonCursor, JsonKind } from "./json_cursor.ts";

export interface InferOptions {
  primitivesAsString: boolean;
  prefersDecimal: boolean;
  dropFieldIfAllNull: boolean;
}

const byName = (a: StructField, b: StructField) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** BigDecimal's precision and scale of a number's text ("1.50" -> 3, 2; "1e300" -> 1, -300). */
function bigDecimalShape(text: string): { precision: number; scale: number } {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const frac = m[2] ?? "";
  const digits = ((m[1] ?? "") + frac).replace(/^0+(?=\d)/, "");
  const scale = frac.length - Number(m[3] ?? 0);
  return { precision: digits === "0" || digits === "" ? 1 : digits.length, scale };
}

/** DecimalType(max(precision, scale), scale) as JsonInferSchema builds it; DOUBLE beyond 38 digits. */
function decimalOf(text: string): DataType {
  const { precision, scale } = bigDecimalShape(text);
  const p = Math.max(precision, scale);
  if (p > DecimalType.MAX_PRECISION) return DOUBLE;
  if (scale < 0) {
    throw new SluiceError("NEGATIVE_SCALE_DISALLOWED",
      `Negative scale is not allowed: '${scale}'. Set the config "spark.sql.legacy.allowNegativeScaleOfDecimal" to "true" to allow it.`,
      { sqlState: "0A000" });
  }
  return new DecimalType(p, scale);
}

/** The type of the value at the cursor (consumed). */
export function inferValue(c: JsonCursor, o: InferOptions): DataType {
  switch (c.kind()) {
    case JsonKind.Null:
      c.literal("null");
      return NULL;
    case JsonKind.True:
      c.literal("true");
      return o.primitivesAsString ? STRING : BOOLEAN;
    case JsonKind.False:
      c.literal("false");
      return o.primitivesAsString ? STRING : BOOLEAN;
    case JsonKind.String: {
      const s = c.string();
      if (s.length === 0) return NULL;
      if (o.prefersDecimal && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())) {
        const t = decimalOf(s.trim());
        if (t.kind === "decimal") return t;
      }
      return STRING;
    }
    case JsonKind.Number: {
      c.number();
      if (o.primitivesAsString) return STRING;
      if (c.numSpecial !== undefined) return DOUBLE;
      if (c.numInt) return longFromDigits(c.numText) !== null ? LONG : decimalOf(c.numText);
      return o.prefersDecimal ? decimalOf(c.numText) : DOUBLE;
    }
    case JsonKind.Array: {
      let el: DataType = NULL;
      if (c.openArray()) {
        do el = compatibleType(el, inferValue(c, o)); while (c.nextElement());
      }
      return new ArrayType(el, true);
    }
    case JsonKind.Object: {
      const fields: StructField[] = [];
      if (c.openObject()) {
        do {
          const name = c.name();
          fields.push(new StructField(name, inferValue(c, o), true));
        } while (c.nextField());
      }
      // Duplicate names: the last value wins when rows are read, so its type is the one kept.
      const unique = new Map(fields.map((f) => [f.name, f]));
      return new StructType([...unique.values()].sort(byName));
    }
  }
}

const isNumeric = (t: DataType) => t.kind === "long" || t.kind === "double" || t.kind === "decimal";

/** JsonInferSchema.compatibleType. */
export function compatibleType(a: DataType, b: DataType): DataType {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.equals(b)) return a;
  if (isNumeric(a) && isNumeric(b)) {
    if (a.kind === "double" || b.kind === "double") return DOUBLE;
    const da = a.kind === "decimal" ? a : new DecimalType(20, 0);
    const db = b.kind === "decimal" ? b : new DecimalType(20, 0);
    const scale = Math.max(da.scale, db.scale);
    const range = Math.max(da.precision - da.scale, db.precision - db.scale);
    return range + scale > DecimalType.MAX_PRECISION ? DOUBLE : new DecimalType(range + scale, scale);
  }
  if (a.kind === "struct" && b.kind === "struct") {
    const merged = new Map<string, StructField>();
    for (const f of a.fields) merged.set(f.name, f);
    for (const f of b.fields) {
      const prior = merged.get(f.name);
      merged.set(f.name, prior ? new StructField(f.name, compatibleType(prior.dataType, f.dataType), true) : f);
    }
    return new StructType([...merged.values()].sort(byName));
  }
  if (a.kind === "array" && b.kind === "array") return new ArrayType(compatibleType(a.elementType, b.elementType), true);
  return STRING;
}

/** canonicalizeType: nulls become strings (dropped with dropFieldIfAllNull), empty structs are dropped. */
export function canonicalize(t: DataType, o: InferOptions): DataType | null {
  switch (t.kind) {
    case "null": return o.dropFieldIfAllNull ? null : STRING;
    case "array": {
      const el = canonicalize(t.elementType, o);
      return el === null ? null : new ArrayType(el, true);
    }
    case "struct": {
      const fields = t.fields.flatMap((f) => {
        const c = canonicalize(f.dataType, o);
        return c === null || f.name === "" ? [] : [new StructField(f.name, c, true)];
      });
      return fields.length > 0 ? new StructType(fields) : null;
    }
    default: return t;
  }
}

/** The type of one record's text (a document), or undefined when it is malformed. */
export function recordType(c: JsonCursor, text: string, o: InferOptions, decodedLikeJackson = false): DataType | undefined | "empty" {
  c.reset(text, decodedLikeJackson);
  try {
    if (c.ws() === -1) return "empty";
    return inferValue(c, o);
  } catch (e) {
    if (e instanceof SluiceError) throw e;
    return undefined;
  }
}
