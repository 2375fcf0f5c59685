// concat(a, b, …): strings (other atomic types are cast to string), binaries when every argument is
// binary, or arrays (to their common element type). NULL when any argument is NULL.
import type { Bound, BindContext } from "../bound.ts";
import { castBound, dataDiffTypes, findCommonType, implicitCastType } from "../coercion.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { BINARY, STRING } from "../../types/data_type.ts";

export function bindConcat(args: readonly Bound[], ctx: BindContext): BoundCall {
  const nullable = args.some((a) => a.nullable);
  if (args.length === 0) return { type: STRING, nullable: false, args: [], impl: () => "" };
  if (args.every((a) => a.type.kind === "array")) {
    const t = findCommonType(args.map((a) => a.type));
    if (t === null) throw dataDiffTypes(ctx.sql, "concat", args.map((a) => a.type));
    const cast = args.map((a) => castBound(a, t, ctx));
    return { type: t, nullable, args: cast, nullSafe: false, impl: (...xs: unknown[][]) => ([] as unknown[]).concat(...xs) };
  }
  if (args.every((a) => a.type.kind === "binary")) {
    return {
      type: BINARY, nullable, args,
      impl: (...xs: Uint8Array[]) => {
        const out = new Uint8Array(xs.reduce((n, x) => n + x.length, 0));
        let o = 0;
        for (const x of xs) {
          out.set(x, o);
          o += x.length;
        }
        return out;
      },
    };
  }
  const cast = args.map((a) => {
    const t = implicitCastType(a.type, STRING);
    return t === null ? a : castBound(a, t, ctx);
  });
  if (!cast.every((a) => a.type.kind === "string")) throw dataDiffTypes(ctx.sql, "concat", cast.map((a) => a.type));
  if (cast.length === 2) return { type: STRING, nullable, args: cast, impl: (a: string, b: string) => a + b, inline: ([a, b]) => `${a} + ${b}` };
  return { type: STRING, nullable, args: cast, impl: (...xs: string[]) => xs.join("") };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "concat",
  minArgs: 0,
  maxArgs: Infinity,
  bind: bindConcat,
};

export default fn;
