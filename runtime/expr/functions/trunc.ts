// trunc(date, fmt): the date truncated to YEAR/YYYY/YY, QUARTER, MONTH/MM/MON or WEEK (Monday);
// null for any other unit.
import { DATE } from "../../types/data_type.ts";
import { MIN_LEVEL_OF_DATE_TRUNC, parseTruncLevel, truncDate } from "../datetime/truncate.ts";
import type { ScalarFunction } from "../function_def.ts";
import { dateConv, stringConv, unexpectedInputType } from "./datetime_args.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "trunc",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [x, f] = [args[0]!, args[1]!];
    const conv = dateConv(x, ctx);
    if (conv === null) throw unexpectedInputType(ctx, 0, "DATE", x);
    const text = stringConv(f, ctx);
    if (text === null) throw unexpectedInputType(ctx, 1, "STRING", f);
    const fixed = f.kind === "lit" && f.value !== null ? parseTruncLevel(text(f.value)) : null;
    return {
      type: DATE,
      nullable: true,
      impl: (v: unknown, u: unknown) => {
        const level = fixed ?? parseTruncLevel(text(u));
        if (level < MIN_LEVEL_OF_DATE_TRUNC) return null;
        const d = conv(v);
        return d === null ? null : truncDate(d, level);
      },
    };
  },
};
export default fn;
