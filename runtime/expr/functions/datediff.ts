// datediff(end, start): days from start to end.
import { INT } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { dateConv, unexpectedInputType } from "./datetime_args.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "datediff",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [end, start] = [args[0]!, args[1]!];
    const e = dateConv(end, ctx);
    if (e === null) throw unexpectedInputType(ctx, 0, "DATE", end);
    const s = dateConv(start, ctx);
    if (s === null) throw unexpectedInputType(ctx, 1, "DATE", start);
    return {
      type: INT,
      nullable: true,
      impl: (a: unknown, b: unknown) => {
        const x = e(a), y = s(b);
        return x === null || y === null ? null : x - y;
      },
    };
  },
};
export default fn;
