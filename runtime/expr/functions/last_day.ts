// last_day(date): the last day of the month the date is in.
import { DATE } from "../../types/data_type.ts";
import { civilFromDays, daysFromCivil, daysInMonth } from "../datetime/civil_date.ts";
import type { ScalarFunction } from "../function_def.ts";
import { dateConv, unexpectedInputType } from "./datetime_args.ts";

export function lastDayOfMonth(days: number): number {
  const [y, m] = civilFromDays(days);
  return daysFromCivil(y!, m!, daysInMonth(y!, m!));
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "last_day",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = args[0]!;
    const d = dateConv(a, ctx);
    if (d === null) throw unexpectedInputType(ctx, 0, "DATE", a);
    return {
      type: DATE,
      nullable: true,
      impl: (v: unknown) => {
        const x = d(v);
        return x === null ? null : lastDayOfMonth(x);
      },
    };
  },
};
export default fn;
