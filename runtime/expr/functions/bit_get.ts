// bit_get(x, pos) / getbit(x, pos): bit `pos` (0 is the lowest) of an integral value as a TINYINT;
// pos outside [0, bits of x's type) is INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE.
import { SluiceError } from "../../errors.ts";
import { castArgs, INTEGRAL, requireType } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BYTE, INT } from "../../types/data_type.ts";
import { longToBigInt, type Long } from "../../types/long.ts";

const BITS: Record<string, number> = { byte: 8, short: 16, int: 32, long: 64 };

function bitGet(name: string, aliases: string[] = []): ScalarFunction {
  return {
    kind: "scalar",
    name,
    aliases,
    minArgs: 2,
    maxArgs: 2,
    bind(args, ctx) {
      const x = requireType(args[0]!, 0, INTEGRAL, ctx);
      const [pos] = castArgs([args[1]!], [INT], { ...ctx, argSql: [ctx.argSql[1] ?? ""] });
      const bits = BITS[x.type.kind] ?? 64;
      const fname = ctx.sql.match(/^\s*([A-Za-z_]+)\s*\(/)?.[1]?.toLowerCase() ?? name;
      return {
        type: BYTE, nullable: x.nullable || pos!.nullable, args: [x, pos!],
        impl: (v: Long, p: number) => {
          if (p < 0 || p >= bits) {
            throw new SluiceError("INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE",
              `The value of parameter(s) \`pos\` in \`${fname}\` is invalid: expects an integer value in [0, ${bits}), but got ${p}.`, { sqlState: "22023" });
          }
          return Number((longToBigInt(v) >> BigInt(p)) & 1n);
        },
      };
    },
  };
}

export const fn: ScalarFunction = bitGet("bit_get", ["getbit"]);
export default fn;
