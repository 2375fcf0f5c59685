// hex(x): uppercase hex. Integers as their 64-bit two's complement (hex(-1) = FFFFFFFFFFFFFFFF),
// fractional numbers cast to BIGINT first, strings and binaries byte by byte.
import { STRING } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { longConv, stringConv, unexpectedInputType } from "./datetime_args.ts";

const encoder = new TextEncoder();

export function hexOfBytes(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += (bytes[i]! < 16 ? "0" : "") + bytes[i]!.toString(16).toUpperCase();
  return s;
}

export function hexOfLong(n: number | bigint): string {
  return BigInt.asUintN(64, BigInt(n)).toString(16).toUpperCase();
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "hex",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = args[0]!;
    const k = a.type.kind;
    if (k === "binary") return { type: STRING, nullable: a.nullable, impl: hexOfBytes };
    if (k === "string") return { type: STRING, nullable: a.nullable, impl: (s: string) => hexOfBytes(encoder.encode(s)) };
    if (k === "byte" || k === "short" || k === "int" || k === "long" || k === "float" || k === "double" || k === "decimal") {
      const conv = longConv(a, ctx)!;
      return {
        type: STRING,
        nullable: true,
        impl: (v: unknown) => {
          const n = conv(v) as number | bigint | null;
          return n === null ? null : hexOfLong(n);
        },
      };
    }
    const str = stringConv(a, ctx);
    if (str === null) throw unexpectedInputType(ctx, 0, '("BIGINT" or "BINARY" or "STRING")', a);
    return { type: STRING, nullable: a.nullable, impl: (v: unknown) => hexOfBytes(encoder.encode(str(v))) };
  },
};
export default fn;
