// date_from_unix_date(n): the date n days after 1970-01-01.
import { DATE } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { intConv, unexpectedInputType } from "./datetime_args.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "date_from_unix_date",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = args[0]!;
    const conv = intConv(a, ctx);
    if (conv === null) throw unexpectedInputType(ctx, 0, "INT", a);
    return { type: DATE, nullable: a.nullable || a.type.kind === "string", impl: conv };
  },
};
export default fn;
