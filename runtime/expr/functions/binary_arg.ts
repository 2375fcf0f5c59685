// BINARY parameters: Spark implicitly casts strings to BINARY (their UTF-8 bytes); other types are
// refused with "requires the BINARY type".
import type { BindContext, Bound } from "../bound.ts";
import { unexpectedInputType, type Conv } from "./datetime_args.ts";

const encoder = new TextEncoder();

export function binaryConv(arg: Bound, ctx: BindContext, index = 0): Conv {
  switch (arg.type.kind) {
    case "binary":
    case "null":
      return (v: Uint8Array) => v;
    case "string":
      return (v: string) => encoder.encode(v);
    default:
      throw unexpectedInputType(ctx, index, "BINARY", arg);
  }
}

export function toHexLower(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += (bytes[i]! < 16 ? "0" : "") + bytes[i]!.toString(16);
  return s;
}
