// element_at(array, i): 1-based, negative counts from the end; 0 raises INVALID_INDEX_OF_ZERO,
// out of bounds raises INVALID_ARRAY_INDEX_IN_ELEMENT_AT under ANSI. element_at(map, k): NULL
// when the key is missing.
import type { Bound, BindContext } from "../bound.ts";
import { castArgs, expectationSql, ANY_ARRAY, ANY_MAP, anyOf } from "../coercion.ts";
import { invalidElementAtIndex, invalidIndexOfZero, unexpectedInputType } from "../expr_errors.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { INT } from "../../types/data_type.ts";
import { arrayItemNullable, bindMapGet } from "./get_item.ts";

/** Binds element_at; `nullOnError` gives try_element_at. */
export function bindElementAt(args: readonly Bound[], ctx: BindContext, nullOnError: boolean): BoundCall {
  const [c, key] = [args[0]!, args[1]!];
  if (c.type.kind === "map") return bindMapGet(c, key, ctx);
  if (c.type.kind !== "array") {
    throw unexpectedInputType(ctx.sql, 0, expectationSql(anyOf(ANY_ARRAY, ANY_MAP)), ctx.argSql[0] ?? "", c.type);
  }
  // Spark's ElementAt takes an INT (or narrower) index; BIGINT and other types are rejected.
  const k = key.type.kind;
  if (!(k === "int" || k === "short" || k === "byte" || k === "null")) {
    throw unexpectedInputType(ctx.sql, 1, `"INT"`, ctx.argSql[1] ?? "", key.type);
  }
  const [, i] = castArgs([c, key], [c.type, INT], ctx);
  const fail = ctx.ansi && !nullOnError;
  const nullable = nullOnError || !ctx.ansi ||
    arrayItemNullable(c, i!, (k, n) => (k > 0 && k <= n ? k - 1 : k < 0 && -k <= n ? n + k : null));
  return {
    type: c.type.elementType, nullable, args: [c, i!],
    impl: (a: unknown[], idx: number) => {
      // Index 0 is an error even for try_element_at, as in Spark.
      if (idx === 0) throw invalidIndexOfZero();
      const pos = idx > 0 ? idx - 1 : a.length + idx;
      if (pos < 0 || pos >= a.length) {
        if (fail) throw invalidElementAtIndex(idx, a.length);
        return null;
      }
      return a[pos];
    },
  };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "element_at",
  minArgs: 2,
  maxArgs: 2,
  bind: (args, ctx) => bindElementAt(args, ctx, false),
};

export default fn;
