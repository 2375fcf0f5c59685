// make_ym_interval([years[, months]]): an INTERVAL YEAR TO MONTH; ARITHMETIC_OVERFLOW past the int range.
import { INT, YearMonthIntervalType } from "../../types/data_type.ts";
import { castArgs } from "../coercion.ts";
import { arithmeticOverflow } from "../expr_errors.ts";
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
      impl: (years = 0, months = 0) => {
        const m = years * 12 + months;
        if (m > 2147483647 || m < -2147483648) throw arithmeticOverflow("integer overflow");
        return m;
      },
    };
  },
};

export default fn;
