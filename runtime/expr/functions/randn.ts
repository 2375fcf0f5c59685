// randn([seed]): standard normal doubles from Spark's XORShiftRandom (java.util.Random's
// nextGaussian), seeded per partition like rand().
import type { ScalarFunction } from "../function_def.ts";
import { bindRandom } from "./rand.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "randn",
  minArgs: 0,
  maxArgs: 1,
  bind: (args, ctx) => bindRandom(args, ctx, true),
};

export default fn;
