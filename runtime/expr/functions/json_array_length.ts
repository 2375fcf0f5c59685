// json_array_length(json): the number of elements of the outermost JSON array; NULL for NULL,
// invalid JSON or anything but an array.

import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";
import { requireType } from "../coercion.ts";
import { JsonSyntaxError, parseJson, type JsonNode } from "./json_value.ts";

/** The JSON value of text, or null when it is not valid JSON. */
export function parseOrNull(text: string): JsonNode | null {
  try {
    return parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return null;
    throw e;
  }
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "json_array_length",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = requireType(args[0]!, 0, STRING, ctx);
    return {
      type: INT, nullable: true, args: [a],
      impl: (s: string) => {
        const n = parseOrNull(s);
        return n !== null && n.t === "arr" ? n.items.length : null;
      },
    };
  },
};
export default fn;
