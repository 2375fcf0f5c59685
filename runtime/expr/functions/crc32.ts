// crc32(bin): the CRC-32 (IEEE) checksum as an unsigned BIGINT.
import { LONG } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { binaryConv } from "./binary_arg.ts";

const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32Of(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "crc32",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const bytes = binaryConv(args[0]!, ctx);
    return { type: LONG, nullable: args[0]!.nullable, impl: (v: unknown) => crc32Of(bytes(v)) };
  },
};
export default fn;
