// size(array or map) (cardinality): the number of elements; NULL for NULL input in ANSI mode, -1
// when ANSI is off (spark.sql.legacy.sizeOfNull).
import { anyOf, ANY_ARRAY, ANY_MAP, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "size",
  aliases: ["cardinality"],
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [anyOf(ANY_ARRAY, ANY_MAP)], ctx);
    const count = a!.type.kind === "map" ? (m: Map<unknown, unknown>) => m.size : (x: unknown[]) => x.length;
    if (ctx.ansi) return { type: INT, nullable: a!.nullable, args: [a!], impl: count };
    return { type: INT, nullable: false, nullSafe: true, args: [a!], impl: (x: any) => (x === null ? -1 : count(x)) };
  },
};

export default fn;
