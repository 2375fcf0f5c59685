// elt(n, input1, input2, …): the n-th input (1-based); out of range is INVALID_ARRAY_INDEX with
// ANSI, NULL without. Inputs share a common type (string, or binary when all are binary).
import { SluiceError } from "../../errors.ts";
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "elt",
  minArgs: 2,
  maxArgs: Infinity,
  bind(args, ctx) {
    const [n] = castArgs([args[0]!], [INT], ctx);
    const inputs = args.slice(1);
    const t = inputs.every((a) => a.type.kind === "binary") ? inputs[0]!.type : STRING;
    const typed = castArgs(inputs, inputs.map(() => t), { ...ctx, argSql: ctx.argSql.slice(1) });
    const ansi = ctx.ansi;
    return {
      type: t, nullable: true, args: [n!, ...typed], nullSafe: true,
      impl: (i: number | null, ...values: unknown[]) => {
        if (i === null) return null;
        if (i < 1 || i > values.length) {
          if (!ansi) return null;
          throw new SluiceError("INVALID_ARRAY_INDEX",
            `The index ${i} is out of bounds. The array has ${values.length} elements. Use the SQL function \`get()\` to tolerate accessing element at invalid index and return NULL instead.`,
            { sqlState: "22003" });
        }
        return values[i - 1] ?? null;
      },
    };
  },
};
export default fn;
