// make_ym_interval([years[, months]]): an INTERVAL YEAR TO MONTH; INTERVAL_ARITHMETIC_OVERFLOW past the int range.
import { INT, YearMonthIntervalType } from "../../types/data_type.ts";
import { castArgs } from "../coercion.ts";
import { intervalArithmeticOverflow } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "make_ym_interval",
  minArgs: 0,
  maxArgs: 2,
  bind(args, ctx) {
    const typed = castArgs(args, [INT, INT], ctx);
    return {
      type: new YearMonthIntervalType(0, 1), nullable: typed.some((a) => a.nullable), args: typed,
      printed: (a) => `make_ym_interval(${[...a, "0", "0"].slice(0, 2).join(", ")})`,
      impl: (years = 0, months = 0) => {
        const m = years * 12 + months;
        if (m > 2147483647 || m < -2147483648) throw intervalArithmeticOverflow();
        return m;
      },
    };
  },
};

export default fn;
