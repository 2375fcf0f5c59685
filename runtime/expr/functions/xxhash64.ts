// xxhash64(a, b, …): Spark's XXH64 of the values, seed 42, chained like hash(). The result is a
// signed 64-bit BIGINT, exact (a bigint beyond 2^53, types/long.ts).
import { LONG } from "../../types/data_type.ts";
import { longFromBigInt } from "../../types/long.ts";
import type { ScalarFunction } from "../function_def.ts";
import { checkHashArgs } from "./hash_args.ts";
import { xxhash64Value } from "./spark_hash.ts";

export function xxhash64Of(vals: readonly unknown[], types: readonly import("../../types/data_type.ts").DataType[]): bigint {
  let h = 42n;
  for (let i = 0; i < vals.length; i++) h = xxhash64Value(vals[i], types[i]!, h);
  return BigInt.asIntN(64, h);
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "xxhash64",
  minArgs: 1,
  maxArgs: Infinity,
  bind(args, ctx) {
    checkHashArgs("xxhash64", args, ctx);
    const types = args.map((a) => a.type);
    return { type: LONG, nullable: false, nullSafe: true, impl: (...vals: unknown[]) => longFromBigInt(xxhash64Of(vals, types)) };
  },
};
export default fn;
