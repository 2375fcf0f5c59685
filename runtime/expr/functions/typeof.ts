// typeof(x): the type of the argument as Spark's simpleString ("int", "decimal(2,1)", "void").
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "typeof",
  minArgs: 1,
  maxArgs: 1,
  bind(args) {
    const name = args[0]!.type.simpleString();
    return { type: STRING, nullable: false, nullSafe: true, args: [], impl: () => name, inline: () => JSON.stringify(name) };
  },
};

export default fn;
