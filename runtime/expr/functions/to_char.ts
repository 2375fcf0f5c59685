// to_char(expr, fmt) (to_varchar): Spark's ToCharacterBuilder. A date or timestamp is date_format;
// a binary with 'base64', 'hex' or 'utf-8' is base64/hex/decode; anything else is a DECIMAL
// formatted with a number format (see to_number), '#' for digits that do not fit.
import { SluiceError } from "../../errors.ts";
import { ANY_DECIMAL, castArgs } from "../coercion.ts";
import { foldValue, isFoldable } from "../foldable.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { fn as base64 } from "./base64.ts";
import { fn as dateFormat } from "./date_format.ts";
import { fn as decode } from "./decode.ts";
import { fn as hex } from "./hex.ts";
import { numberFormatOf } from "./number_format.ts";
import { DecimalType, STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "to_char",
  aliases: ["to_varchar"],
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx): BoundCall {
    const [x, f] = args as [typeof args[0], typeof args[0]];
    const k = x!.type.kind;
    if (k === "date" || k === "timestamp" || k === "timestamp_ntz") {
      const b = dateFormat.bind(args, ctx);
      return { ...b, printed: (a) => `date_format(${a.join(", ")})` };
    }
    if (k === "binary") {
      if (!(f!.type.kind === "string" && isFoldable(f!))) {
        throw new SluiceError("NON_FOLDABLE_ARGUMENT",
          `The function \`to_char\` requires the parameter \`format\` to be a foldable expression of the type "STRING", but the actual argument is a non-foldable.`,
          { sqlState: "42K08" });
      }
      const v = foldValue(f!);
      if (v === null) {
        throw new SluiceError("INVALID_PARAMETER_VALUE.NULL",
          "The value of parameter(s) `format` in `to_char` is invalid: expects a non-NULL value.", { sqlState: "22023" });
      }
      const fmt = String(v).toLowerCase().trim();
      const target = fmt === "base64" ? "base64" : fmt === "hex" ? "hex" : fmt === "utf-8" ? "decode" : undefined;
      if (target === undefined) {
        throw new SluiceError("INVALID_PARAMETER_VALUE.BINARY_FORMAT",
          `The value of parameter(s) \`format\` in \`to_char\` is invalid: expects one of binary formats 'base64', 'hex', 'utf-8', but got '${fmt.replaceAll("'", "\\'")}'.`,
          { sqlState: "22023" });
      }
      const inner = target === "decode" ? args : [x!];
      const b = { base64, hex, decode }[target].bind(inner, { ...ctx, argSql: target === "decode" ? ctx.argSql : [ctx.argSql[0]!] });
      return { ...b, args: b.args ?? inner, printed: (a) => (target === "decode" ? `decode(${a.join(", ")})` : `${target}(${a[0]})`) };
    }
    const [d, format] = castArgs(args, [ANY_DECIMAL, STRING], ctx);
    const parser = numberFormatOf(format!, ctx, true);
    const type = d!.type as DecimalType;
    if (parser === null) return { type: STRING, nullable: true, args: [d!, format!], impl: () => null };
    return { type: STRING, nullable: d!.nullable, args: [d!], impl: (u: bigint) => parser.format(u, type.scale, type) };
  },
};
export default fn;
