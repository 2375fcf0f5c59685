// a[i] on arrays (0-based; ANSI raises INVALID_ARRAY_INDEX out of bounds), m[k] on maps (NULL
// when the key is missing), s['f'] on structs and a['f'] on arrays of structs (Spark's
// ExtractValue makes these the field accesses s.f and a.f, and prints them so).
import { SluiceError, quoteIdent } from "../../errors.ts";
import type { Bound, BindContext } from "../bound.ts";
import { castBound, constantValue, implicitCastType, INTEGRAL } from "../coercion.ts";
import { invalidArrayIndex, unexpectedInputType } from "../expr_errors.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { equalityFor } from "../value_ordering.ts";
import { ArrayType, type DataType, type StructType } from "../../types/data_type.ts";

/** The field `key` names (a non-null string literal), as GetStructField finds it. */
function fieldOf(st: StructType, key: Bound, ctx: BindContext): { i: number; name: string } {
  if (key.kind !== "lit" || typeof key.value !== "string") {
    throw new SluiceError("INVALID_EXTRACT_FIELD_TYPE", `Field name should be a non-null string literal, but it's "${ctx.argSql[1] ?? ""}".`, { sqlState: "42000" });
  }
  const i = st.fieldIndex(key.value);
  if (i < 0) {
    throw new SluiceError("FIELD_NOT_FOUND",
      `No such struct field ${quoteIdent(key.value)} in ${st.fields.map((f) => quoteIdent(f.name)).join(", ")}.`, { sqlState: "42704" });
  }
  return { i, name: key.value };
}

/**
 * Spark's nullability of arr[i] / element_at(arr, i): known only for a constant index into array(…)
 * (`position` maps the index to a 0-based slot, or null when it is out of range).
 */
export function arrayItemNullable(arr: Bound, index: Bound, position: (i: number, n: number) => number | null): boolean {
  const c = constantValue(index);
  if (c === undefined || c.value === null || arr.kind !== "fn" || arr.name !== "array") return true;
  const pos = position(Number(c.value), arr.args.length);
  return pos === null ? true : arr.args[pos]!.nullable;
}

/** A lookup in a map value by key, with Spark's key equality. */
export function mapLookup(keyType: DataType): (m: Map<unknown, unknown>, k: unknown) => unknown {
  const k = keyType.kind;
  if (k !== "array" && k !== "struct" && k !== "binary" && k !== "map") {
    return (m, key) => {
      const v = m.get(key);
      return v === undefined ? null : v;
    };
  }
  const eq = equalityFor(keyType);
  return (m, key) => {
    for (const [a, b] of m) if (eq(a, key)) return b;
    return null;
  };
}

/** Binds m[k]: the key is implicitly cast to the map's key type. */
export function bindMapGet(map: Bound, key: Bound, ctx: BindContext): BoundCall {
  const mt = map.type as Extract<DataType, { kind: "map" }>;
  const kt = implicitCastType(key.type, mt.keyType);
  if (kt === null) throw unexpectedInputType(ctx.sql, 1, `"${mt.keyType.sql()}"`, ctx.argSql[1] ?? "", key.type);
  const k = castBound(key, kt, ctx);
  const get = mapLookup(mt.keyType);
  return { type: mt.valueType, nullable: true, args: [map, k], impl: get };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "get_item",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [c, key] = [args[0]!, args[1]!];
    const t = c.type;
    if (t.kind === "array" && t.elementType.kind === "struct" && key.kind === "lit" && typeof key.value === "string") {
      // GetArrayStructFields: the field of every element.
      const { i, name } = fieldOf(t.elementType, key, ctx);
      const f = t.elementType.fields[i]!;
      return {
        type: new ArrayType(f.dataType, t.containsNull || f.nullable), nullable: c.nullable, args: [c],
        impl: (a: (unknown[] | null)[]) => a.map((s) => (s === null ? null : s[i])), printed: ([a]) => `${a}.${name}`,
      };
    }
    if (t.kind === "array") {
      if (key.type.kind !== "null" && implicitCastType(key.type, INTEGRAL) !== key.type) {
        throw unexpectedInputType(ctx.sql, 1, `"INTEGRAL"`, ctx.argSql[1] ?? "", key.type);
      }
      const ansi = ctx.ansi;
      const nullable = arrayItemNullable(c, key, (i, n) => (i >= 0 && i < n ? i : null));
      return {
        type: t.elementType, nullable, args: [c, key],
        impl: (a: unknown[], i: number) => {
          if (i < 0 || i >= a.length) {
            if (ansi) throw invalidArrayIndex(i, a.length);
            return null;
          }
          return a[i];
        },
      };
    }
    if (t.kind === "map") return bindMapGet(c, key, ctx);
    if (t.kind === "struct") {
      const { i, name } = fieldOf(t, key, ctx);
      const f = t.fields[i]!;
      return {
        type: f.dataType, nullable: c.nullable || f.nullable, args: [c], impl: (s: unknown[]) => s[i], inline: ([s]) => `${s}[${i}]`,
        printed: ([s]) => `${s}.${name}`,
      };
    }
    throw new SluiceError("INVALID_EXTRACT_BASE_FIELD_TYPE",
      `Can't extract a value from "${ctx.argSql[0] ?? ""}". Need a complex type [STRUCT, ARRAY, MAP] but got "${t.sql()}".`, { sqlState: "42000" });
  },
};

export default fn;
