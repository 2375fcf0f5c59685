// hash(a, b, …): Spark's Murmur3 x86_32 of the values, seed 42, each value's hash seeding the
// next; nulls are skipped. Gives exactly Spark's ints (also what hash partitioning relies on).
import { INT } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { checkHashArgs } from "./hash_args.ts";
import { murmur3Value } from "./spark_hash.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "hash",
  minArgs: 1,
  maxArgs: Infinity,
  bind(args, ctx) {
    checkHashArgs("hash", args, ctx);
    const types = args.map((a) => a.type);
    return {
      type: INT,
      nullable: false,
      nullSafe: true,
      impl: (...vals: unknown[]) => {
        let h = 42;
        for (let i = 0; i < vals.length; i++) h = murmur3Value(vals[i], types[i]!, h);
        return h;
      },
    };
  },
};
export default fn;
