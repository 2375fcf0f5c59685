// uuid(): a random version 4 UUID string per row (non-deterministic).
import { randomUUID } from "node:crypto";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "uuid",
  minArgs: 0,
  maxArgs: 0,
  bind() {
    return { type: STRING, nullable: false, args: [], impl: () => randomUUID(), nullSafe: true, deterministic: false };
  },
};
export default fn;
