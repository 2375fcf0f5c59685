// lpad / rpad: strings pad with characters (default ' '), binaries with bytes (default X'00');
// a result longer than len is cut to len; an empty pad only cuts (Spark's UTF8String.lpad,
// ByteArray.lpad).
import { castArgs } from "../coercion.ts";
import type { Bound } from "../bound.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, INT, STRING } from "../../types/data_type.ts";

function padString(s: string, len: number, pad: string, left: boolean): string {
  const cs = [...s];
  if (len <= 0) return "";
  if (cs.length >= len || pad.length === 0) return cs.slice(0, len).join("");
  const ps = [...pad];
  const n = len - cs.length;
  let fill = "";
  for (let i = 0; i < n; i++) fill += ps[i % ps.length];
  return left ? fill + s : s + fill;
}

function padBytes(b: Uint8Array, len: number, pad: Uint8Array, left: boolean): Uint8Array {
  if (len <= 0) return new Uint8Array(0);
  if (b.length >= len || pad.length === 0) return b.slice(0, len);
  const out = new Uint8Array(len);
  const n = len - b.length;
  const fillAt = left ? 0 : b.length;
  for (let i = 0; i < n; i++) out[fillAt + i] = pad[i % pad.length]!;
  out.set(b, left ? n : 0);
  return out;
}

export function padFunction(name: "lpad" | "rpad"): ScalarFunction {
  const left = name === "lpad";
  return {
    kind: "scalar",
    name,
    minArgs: 2,
    maxArgs: 3,
    bind(args, ctx) {
      const binary = args[0]!.type.kind === "binary" && (args.length === 2 || args[2]!.type.kind === "binary");
      const defaultPad: Bound = binary
        ? { kind: "lit", value: new Uint8Array([0]), type: BINARY, nullable: false }
        : { kind: "lit", value: " ", type: STRING, nullable: false };
      const all = args.length === 2 ? [...args, defaultPad] : args;
      const typed = castArgs(all, binary ? [BINARY, INT, BINARY] : [STRING, INT, STRING], ctx);
      const impl = binary
        ? (b: Uint8Array, n: number, p: Uint8Array) => padBytes(b, n, p, left)
        : (s: string, n: number, p: string) => padString(s, n, p, left);
      return {
        type: binary ? BINARY : STRING, nullable: typed.some((a) => a.nullable), args: typed, impl,
        printed: args.length === 2 ? (a) => `${name}(${a[0]}, ${a[1]}, ${binary ? "X'00'" : " "})` : undefined,
      };
    },
  };
}
