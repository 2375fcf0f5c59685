// make_interval([years[, months[, weeks[, days[, hours[, mins[, secs]]]]]]]): a calendar INTERVAL
// (months, days and microseconds kept apart); secs is a DECIMAL(18,6).
import { CalendarInterval } from "../../types/calendar_interval.ts";
import { CALENDAR_INTERVAL, DecimalType, INT } from "../../types/data_type.ts";
import { castArgs } from "../coercion.ts";
import { arithmeticOverflow } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";

const SECS = new DecimalType(18, 6);
const DEFAULTS = ["0", "0", "0", "0", "0", "0", "0.000000"];

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "make_interval",
  minArgs: 0,
  maxArgs: 7,
  bind(args, ctx) {
    const typed = castArgs(args, [INT, INT, INT, INT, INT, INT, SECS], ctx);
    return {
      type: CALENDAR_INTERVAL, nullable: typed.some((a) => a.nullable), args: typed,
      // MakeInterval's constructors fill the missing arguments with 0 and 0.000000 seconds.
      printed: (a) => `make_interval(${[...a, ...DEFAULTS.slice(a.length)].join(", ")})`,
      impl: (years = 0, months = 0, weeks = 0, days = 0, hours = 0, mins = 0, secs: bigint = 0n) => {
        const m = years * 12 + months, d = weeks * 7 + days;
        const micros = secs + BigInt(hours) * 3600000000n + BigInt(mins) * 60000000n;
        if (Math.abs(m) > 2147483647 || Math.abs(d) > 2147483647) throw arithmeticOverflow("integer overflow");
        if (micros > 9223372036854775807n || micros < -9223372036854775808n) throw arithmeticOverflow("long overflow");
        return new CalendarInterval(m, d, Number(micros));
      },
    };
  },
};

export default fn;
