// json_object_keys(json): the keys of the outermost JSON object, in order; NULL for NULL, invalid
// JSON or anything but an object.
import { requireType } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { ArrayType, STRING } from "../../types/data_type.ts";
import { parseOrNull } from "./json_array_length.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "json_object_keys",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = requireType(args[0]!, 0, STRING, ctx);
    return {
      type: new ArrayType(STRING, true), nullable: true, args: [a],
      impl: (s: string) => {
        const n = parseOrNull(s);
        return n !== null && n.t === "obj" ? n.entries.map(([k]) => k) : null;
      },
    };
  },
};
export default fn;
