// md5 / sha1: a node:crypto digest as a lowercase hex string (strings are hashed as UTF-8 bytes).
import { createHash } from "node:crypto";
import { STRING } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { binaryConv, toHexLower } from "./binary_arg.ts";

export function digestHex(name: string, algorithm: string, aliases?: string[]): ScalarFunction {
  return {
    kind: "scalar",
    name,
    aliases,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx) {
      const bytes = binaryConv(args[0]!, ctx);
      return {
        type: STRING,
        nullable: args[0]!.nullable,
        impl: (v: unknown) => toHexLower(createHash(algorithm).update(bytes(v)).digest()),
      };
    },
  };
}
