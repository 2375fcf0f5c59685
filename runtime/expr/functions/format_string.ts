// format_string(fmt, args…) (printf): java.util.Formatter over the arguments (java_formatter.ts);
// NULL when fmt is NULL. `%0$` is refused at analysis unless spark.sql.legacy.allowZeroIndexInFormatString.
import { castArgs } from "../coercion.ts";
import { SluiceError } from "../../errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { javaFormat } from "../java_formatter.ts";
import { STRING } from "../../types/data_type.ts";

export function formatStringFunction(name: "format_string" | "printf"): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 1,
    maxArgs: Infinity,
    bind(args, ctx) {
      const [fmt] = castArgs([args[0]!], [STRING], ctx);
      const rest = args.slice(1);
      const zeroAllowed = (ctx.conf?.("spark.sql.legacy.allowZeroIndexInFormatString") ?? "false") === "true";
      if (!zeroAllowed && fmt!.kind === "lit" && typeof fmt!.value === "string" && /%0\$/.test(fmt!.value)) {
        throw new SluiceError("INVALID_PARAMETER_VALUE.ZERO_INDEX",
          `The value of parameter(s) \`strfmt\` in \`${name}\` is invalid: expects %1$, %2$ and so on, but got %0$.`, { sqlState: "22023" });
      }
      const types = rest.map((a) => a.type);
      return {
        type: STRING, nullable: fmt!.nullable, args: [fmt!, ...rest], nullSafe: true,
        impl: (pattern: string | null, ...values: unknown[]) =>
          pattern === null ? null : javaFormat(pattern, values.map((value, i) => ({ value, type: types[i]! }))),
      };
    },
  };
}

export const fn = formatStringFunction("format_string");
export default fn;
