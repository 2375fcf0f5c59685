// make_date(year, month, day): the date, or DATETIME_FIELD_OUT_OF_BOUNDS (NULL without ANSI) when
// java.time's LocalDate.of refuses the fields.
import { castArgs } from "../coercion.ts";
import { daysFromCivil } from "../datetime/civil_date.ts";
import { dateTimeFieldOutOfBounds, invalidDateMessage } from "../datetime/local_time_checks.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DATE, INT } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "make_date",
  minArgs: 3,
  maxArgs: 3,
  bind(args, ctx) {
    const typed = castArgs(args, [INT, INT, INT], ctx);
    const ansi = ctx.ansi;
    return {
      type: DATE, nullable: ansi ? typed.some((a) => a.nullable) : true, args: typed,
      impl: (y: number, m: number, d: number) => {
        const bad = invalidDateMessage(y, m, d);
        if (bad === null) return daysFromCivil(y, m, d);
        if (ansi) throw dateTimeFieldOutOfBounds(bad);
        return null;
      },
    };
  },
};
export default fn;
