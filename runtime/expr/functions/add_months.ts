// add_months(start, n): the date n months after start; a day past the end of the target month
// becomes its last day (java.time LocalDate.plusMonths).
import { DATE } from "../../types/data_type.ts";
import { civilFromDays, daysFromCivil, daysInMonth } from "../datetime/civil_date.ts";
import type { ScalarFunction } from "../function_def.ts";
import { dateConv, intConv, unexpectedInputType } from "./datetime_args.ts";

export function addMonthsToDays(days: number, months: number): number {
  const [y, m, d] = civilFromDays(days);
  const total = y! * 12 + (m! - 1) + months;
  const ny = Math.floor(total / 12), nm = total - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d!, daysInMonth(ny, nm)));
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "add_months",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [start, n] = [args[0]!, args[1]!];
    const d = dateConv(start, ctx);
    if (d === null) throw unexpectedInputType(ctx, 0, "DATE", start);
    const m = intConv(n, ctx);
    if (m === null) throw unexpectedInputType(ctx, 1, "INT", n);
    return {
      type: DATE,
      nullable: true,
      impl: (a: unknown, b: unknown) => {
        const x = d(a), y = m(b);
        return x === null || y === null ? null : addMonthsToDays(x, y);
      },
    };
  },
};
export default fn;
