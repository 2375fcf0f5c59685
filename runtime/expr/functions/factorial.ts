// factorial(n): n! as a long for 0 <= n <= 20, NULL otherwise.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, LONG } from "../../types/data_type.ts";

const FACTORIALS: bigint[] = [1n];
for (let i = 1n; i <= 20n; i++) FACTORIALS.push(FACTORIALS[FACTORIALS.length - 1]! * i);

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "factorial",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const typed = castArgs(args, [INT], ctx);
    return {
      type: LONG, nullable: true, args: typed,
      // Longs are JS numbers within 2^53; 19! and 20! are larger and exact only as bigints.
      impl: (n: number) => (n < 0 || n > 20 ? null : n <= 18 ? Number(FACTORIALS[n]!) : FACTORIALS[n]!),
    };
  },
};
export default fn;
