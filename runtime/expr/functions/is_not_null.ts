// a IS NOT NULL (isnotnull(a)): never NULL itself.
import type { ScalarFunction } from "../function_def.ts";
import { BOOLEAN } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "isnotnull",
  minArgs: 1,
  maxArgs: 1,
  bind: () => ({ type: BOOLEAN, nullable: false, nullSafe: true, impl: (x: unknown) => x !== null, inline: ([x]) => `${x} !== null` }),
};

export default fn;
