// ~a: bitwise complement of an integral value.
import { bindBitwiseNot } from "../bitwise.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "bitwise_not",
  aliases: ["~"],
  minArgs: 1,
  maxArgs: 1,
  bind: (args, ctx) => bindBitwiseNot(args[0]!, ctx),
};

export default fn;
