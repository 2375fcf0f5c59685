// next_day(start, dayOfWeek): the first date after start falling on dayOfWeek ('MO', 'Mon',
// 'Monday' …, case-insensitive). An unknown day is ILLEGAL_DAY_OF_WEEK with ANSI, NULL without.
import { SluiceError } from "../../errors.ts";
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DATE, STRING } from "../../types/data_type.ts";

/** Days after Thursday 1970-01-01 (Spark's day-of-week numbering: 0 = Thursday). */
const DAYS: Record<string, number> = {
  SU: 3, SUN: 3, SUNDAY: 3, MO: 4, MON: 4, MONDAY: 4, TU: 5, TUE: 5, TUESDAY: 5, WE: 6, WED: 6, WEDNESDAY: 6,
  TH: 0, THU: 0, THURSDAY: 0, FR: 1, FRI: 1, FRIDAY: 1, SA: 2, SAT: 2, SATURDAY: 2,
};

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "next_day",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const typed = castArgs(args, [DATE, STRING], ctx);
    const ansi = ctx.ansi;
    return {
      type: DATE, nullable: true, args: typed,
      impl: (start: number, day: string) => {
        const dow = DAYS[day.toUpperCase()];
        if (dow === undefined) {
          if (!ansi) return null;
          throw new SluiceError("ILLEGAL_DAY_OF_WEEK", `Illegal input for day of week: ${day}.`, { sqlState: "22009" });
        }
        return start + 1 + ((((dow - 1 - start) % 7) + 7) % 7);
      },
    };
  },
};
export default fn;
