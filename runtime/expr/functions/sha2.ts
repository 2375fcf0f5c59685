// sha2(bin, bits): the SHA-2 digest as lowercase hex; bits 224, 256 (or 0), 384, 512; any other
// bit length gives null.
import { createHash } from "node:crypto";
import { STRING } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { binaryConv, toHexLower } from "./binary_arg.ts";
import { intConv, unexpectedInputType } from "./datetime_args.ts";

const ALGORITHMS: Record<number, string> = { 0: "sha256", 224: "sha224", 256: "sha256", 384: "sha384", 512: "sha512" };

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "sha2",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const bytes = binaryConv(args[0]!, ctx);
    const bits = intConv(args[1]!, ctx, true);
    if (bits === null) throw unexpectedInputType(ctx, 1, "INT", args[1]!);
    return {
      type: STRING,
      nullable: true,
      impl: (v: unknown, b: unknown) => {
        const n = bits(b);
        const algo = n === null ? undefined : ALGORITHMS[n];
        return algo === undefined ? null : toHexLower(createHash(algo).update(bytes(v)).digest());
      },
    };
  },
};
export default fn;
