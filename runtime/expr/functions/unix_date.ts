// unix_date(date): days since 1970-01-01.
import { INT } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { dateConv, unexpectedInputType } from "./datetime_args.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "unix_date",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = args[0]!;
    const conv = dateConv(a, ctx);
    if (conv === null) throw unexpectedInputType(ctx, 0, "DATE", a);
    return { type: INT, nullable: a.nullable || a.type.kind === "string", impl: conv };
  },
};
export default fn;
