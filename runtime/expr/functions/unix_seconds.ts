// unix_seconds(ts): whole seconds since the epoch (rounded down).
import { LONG } from "../../types/data_type.ts";
import { floorDiv } from "../datetime/civil_date.ts";
import type { ScalarFunction } from "../function_def.ts";
import { timestampConv, unexpectedInputType } from "./datetime_args.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "unix_seconds",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = args[0]!;
    const conv = timestampConv(a, ctx);
    if (conv === null || a.type.kind === "timestamp_ntz") throw unexpectedInputType(ctx, 0, "TIMESTAMP", a);
    return {
      type: LONG,
      nullable: a.nullable || a.type.kind === "string",
      impl: (v: unknown) => {
        const m = conv(v);
        return m === null ? null : floorDiv(m, 1_000_000);
      },
    };
  },
};
export default fn;
