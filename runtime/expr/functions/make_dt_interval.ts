// make_dt_interval([days[, hours[, mins[, secs]]]]): an INTERVAL DAY TO SECOND; secs is a
// DECIMAL(18,6), so microseconds are exact. INTERVAL_ARITHMETIC_OVERFLOW when it does not fit.
import { DayTimeIntervalType, DecimalType, INT } from "../../types/data_type.ts";
import { longToBigInt } from "../../types/long.ts";
import { castArgs } from "../coercion.ts";
import { intervalArithmeticOverflow } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";

const SECS = new DecimalType(18, 6);
const DEFAULTS = ["0", "0", "0", "0.000000"];
const UNITS = [86400000000n, 3600000000n, 60000000n];

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "make_dt_interval",
  minArgs: 0,
  maxArgs: 4,
  bind(args, ctx) {
    const typed = castArgs(args, [INT, INT, INT, SECS], ctx);
    return {
      type: new DayTimeIntervalType(0, 3), nullable: typed.some((a) => a.nullable), args: typed,
      printed: (a) => `make_dt_interval(${[...a, ...DEFAULTS.slice(a.length)].join(", ")})`,
      impl: (...xs: (number | bigint)[]) => {
        let micros = xs.length > 3 ? (xs[3] as bigint) : 0n;
        for (let i = 0; i < Math.min(xs.length, 3); i++) micros += longToBigInt(xs[i] as number) * UNITS[i]!;
        if (micros > 9223372036854775807n || micros < -9223372036854775808n) throw intervalArithmeticOverflow();
        return Number(micros);
      },
    };
  },
};

export default fn;
