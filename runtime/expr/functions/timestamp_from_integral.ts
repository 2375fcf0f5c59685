// timestamp_millis / timestamp_micros(n): the instant n units after the epoch (integral input only).
import { TIMESTAMP } from "../../types/data_type.ts";
import { longToBigInt, type Long } from "../../types/long.ts";
import { javaArithmeticException } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { unexpectedInputType } from "./datetime_args.ts";

export function timestampFromIntegral(name: string, microsPerUnit: number): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx) {
      const a = args[0]!;
      const k = a.type.kind;
      if (k !== "byte" && k !== "short" && k !== "int" && k !== "long" && k !== "null") throw unexpectedInputType(ctx, 0, "INTEGRAL", a);
      // Math.multiplyExact(n, unit): ARITHMETIC_OVERFLOW beyond the long range.
      const unit = BigInt(microsPerUnit);
      return {
        type: TIMESTAMP, nullable: a.nullable,
        impl: (v: Long) => {
          if (typeof v === "number" && Math.abs(v) * microsPerUnit <= 9007199254740991) return v * microsPerUnit;
          const m = longToBigInt(v) * unit;
          if (m > 9223372036854775807n || m < -9223372036854775808n) throw javaArithmeticException("long overflow");
          return Number(m);
        },
      };
    },
  };
}
