// conv(num, fromBase, toBase): num (a string of digits in fromBase, trimmed) written in toBase,
// through an unsigned 64-bit value as Spark's NumberConverter does: a negative toBase prints a
// signed value, invalid bases give NULL, digits stop at the first invalid character, and an
// overflow is ARITHMETIC_OVERFLOW with ANSI (-1, i.e. all ones, without).
import { SluiceError } from "../../errors.ts";
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";

const U64 = (1n << 64n) - 1n;

function digit(c: string, radix: number): number {
  const d = parseInt(c, 36);
  return Number.isNaN(d) || d >= radix ? -1 : d;
}

export function convert(text: string, fromBase: number, toBase: number, ansi: boolean): string | null {
  if (fromBase < 2 || fromBase > 36 || Math.abs(toBase) < 2 || Math.abs(toBase) > 36) return null;
  const s = text.trim();
  if (s.length === 0) return null;
  let negative = s[0] === "-";
  const from = BigInt(fromBase);
  let v = 0n;
  for (const c of s.slice(negative ? 1 : 0)) {
    const d = digit(c, fromBase);
    if (d < 0) break;
    const next = v * from + BigInt(d);
    if (next > U64) {
      if (ansi) {
        throw new SluiceError("ARITHMETIC_OVERFLOW", "Overflow in function conv(). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.", { sqlState: "22003" });
      }
      v = U64;
      break;
    }
    v = next;
  }
  const signedOf = (u: bigint) => BigInt.asIntN(64, u);
  if (negative && toBase > 0) v = signedOf(v) < 0n ? U64 : BigInt.asUintN(64, -v);
  if (toBase < 0 && signedOf(v) < 0n) {
    v = BigInt.asUintN(64, -signedOf(v));
    negative = true;
  }
  const out = v.toString(Math.abs(toBase)).toUpperCase();
  return negative && toBase < 0 ? "-" + out : out;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "conv",
  minArgs: 3,
  maxArgs: 3,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, INT, INT], ctx);
    const ansi = ctx.ansi;
    return { type: STRING, nullable: true, args: typed, impl: (s: string, f: number, t: number) => convert(s, f, t, ansi) };
  },
};
export default fn;
