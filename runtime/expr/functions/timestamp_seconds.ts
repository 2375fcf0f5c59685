// timestamp_seconds(n): the instant n seconds after the epoch (fractions kept to the microsecond).
import { TIMESTAMP } from "../../types/data_type.ts";
import { longToBigInt, type Long } from "../../types/long.ts";
import { javaArithmeticException } from "../expr_errors.ts";
import { MICROS_PER_SECOND } from "../datetime/civil_date.ts";
import type { ScalarFunction } from "../function_def.ts";
import { castInvalidInput, unexpectedInputType } from "./datetime_args.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "timestamp_seconds",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = args[0]!;
    const t = a.type;
    switch (t.kind) {
      case "byte": case "short": case "int": case "long": case "null":
        return {
          type: TIMESTAMP, nullable: a.nullable,
          // Math.multiplyExact(seconds, MICROS_PER_SECOND): ARITHMETIC_OVERFLOW beyond the long range.
          impl: (v: Long) => {
            if (typeof v === "number" && Math.abs(v) <= 9007199254) return v * MICROS_PER_SECOND;
            const m = longToBigInt(v) * 1000000n;
            if (m > 9223372036854775807n || m < -9223372036854775808n) throw javaArithmeticException("long overflow");
            return Number(m);
          },
        };
      case "float": case "double":
        return { type: TIMESTAMP, nullable: true, impl: (v: number) => (Number.isFinite(v) ? Math.trunc(v * MICROS_PER_SECOND) : null) };
      case "decimal": {
        const p = 10n ** BigInt(t.scale);
        // Spark: decimal.toJavaBigDecimal.multiply(MICROS_PER_SECOND).longValueExact().
        return {
          type: TIMESTAMP, nullable: a.nullable,
          impl: (v: bigint) => {
            const m = v * 1_000_000n;
            if (m % p !== 0n) throw javaArithmeticException("Rounding necessary");
            const r = m / p;
            if (r > 9223372036854775807n || r < -9223372036854775808n) throw javaArithmeticException("Overflow");
            return Number(r);
          },
        };
      }
      case "string": {
        // Spark's implicit cast of a string to the NUMERIC parameter is a cast to DOUBLE.
        const ansi = ctx.ansi;
        return {
          type: TIMESTAMP,
          nullable: true,
          impl: (s: string) => {
            const n = s.trim() === "" ? NaN : Number(s.trim());
            if (Number.isNaN(n)) {
              if (ansi) throw castInvalidInput(s, "STRING", "DOUBLE");
              return null;
            }
            return Number.isFinite(n) ? Math.trunc(n * MICROS_PER_SECOND) : null;
          },
        };
      }
      default:
        throw unexpectedInputType(ctx, 0, "NUMERIC", a);
    }
  },
};
export default fn;
