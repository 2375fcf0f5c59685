// base64(bin): standard (RFC 4648) base64 text, no line breaks.
import { Buffer } from "node:buffer";
import { STRING } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { binaryConv } from "./binary_arg.ts";

export function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "base64",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const bytes = binaryConv(args[0]!, ctx);
    return { type: STRING, nullable: args[0]!.nullable, impl: (v: unknown) => base64Of(bytes(v)) };
  },
};
export default fn;
