// nullif(a, b): NULL when a equals b (compared as = does, after coercion), else a.
import { bindComparison } from "../comparison.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "nullif",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const a = args[0]!;
    const eq = bindComparison("=", a, args[1]!, ctx);
    const [l, r] = eq.args!;
    return {
      type: a.type, nullable: true, nullSafe: true, args: [a, l!, r!],
      impl: (v: unknown, x: unknown, y: unknown) => (x !== null && y !== null && eq.impl(x, y) === true ? null : v),
    };
  },
};

export default fn;
