// to_binary(str[, fmt]) / try_to_binary: str read as 'hex' (default), 'utf-8'/'utf8' or
// 'base64' (case-insensitive, a foldable string); a NULL format gives NULL. Malformed hex or
// base64 is CONVERSION_INVALID_INPUT (NULL for try_to_binary, which also takes unknown formats).
import { SluiceError } from "../../errors.ts";
import { castArgs } from "../coercion.ts";
import { dataTypeMismatch, sqlValue } from "../expr_errors.ts";
import { foldValue, isFoldable } from "../foldable.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, STRING } from "../../types/data_type.ts";
import { decodeMimeBase64 } from "./unbase64.ts";
import { unhexOf } from "./unhex.ts";

/** UnBase64.isValidBase64: groups of 4 symbols, whitespace anywhere before the padding. */
export function isValidBase64(s: string): boolean {
  let position = 0, padSize = 0;
  for (const c of s) {
    if (/[0-9A-Za-z+/]/.test(c)) {
      if (padSize !== 0) return false;
      position++;
    } else if (c === "=") {
      padSize++;
      if (padSize > 2 || position % 4 < 2) return false;
    } else if (/\s/.test(c)) {
      if (padSize !== 0) return false;
    } else return false;
  }
  return padSize > 0 ? (position + padSize) % 4 === 0 : position % 4 !== 1;
}

function conversionError(str: string, fmt: string): SluiceError {
  return new SluiceError("CONVERSION_INVALID_INPUT",
    `The value ${sqlValue(str, STRING)} (${sqlValue(fmt, STRING)}) cannot be converted to "BINARY" because it is malformed. Correct the value as per the syntax, or change its format. Use \`try_to_binary\` to tolerate malformed input and return NULL instead.`,
    { sqlState: "22018" });
}

export function toBinaryFunction(name: "to_binary" | "try_to_binary"): ScalarFunction {
  const tolerant = name === "try_to_binary";
  return {
    kind: "scalar",
    name,
    minArgs: 1,
    maxArgs: 2,
    bind(args, ctx) {
      let fmt: string | null = "hex";
      if (args.length === 2) {
        const f = args[1]!;
        if (!isFoldable(f)) {
          throw dataTypeMismatch("NON_FOLDABLE_INPUT", ctx.sql, `the input \`fmt\` should be a foldable "STRING" expression; however, got "${ctx.argSql[1]}".`);
        }
        const v = foldValue(f);
        const invalid = (shown: string) => dataTypeMismatch("INVALID_ARG_VALUE", ctx.sql,
          `The fmt value must be a case-insensitive "STRING" literal of 'hex', 'utf-8', 'utf8', or 'base64', but got ${shown}.`);
        if (f.type.kind !== "string" && f.type.kind !== "null") throw invalid(sqlValue(v, f.type));
        fmt = v === null ? null : String(v).toLowerCase();
        if (fmt !== null && !["hex", "utf-8", "utf8", "base64"].includes(fmt)) {
          if (!tolerant) throw invalid(sqlValue(fmt, STRING));
          fmt = null;
        }
      }
      const [s] = castArgs([args[0]!], [STRING], ctx);
      if (fmt === null) return { type: BINARY, nullable: true, args: [], impl: () => null, nullSafe: true };
      const onError = (str: string, f: string) => {
        if (tolerant) return null;
        throw conversionError(str, f);
      };
      let impl: (v: string) => Uint8Array | null;
      if (fmt === "hex") impl = (v) => unhexOf(v) ?? onError(v, "HEX");
      else if (fmt === "base64") impl = (v) => (isValidBase64(v) ? decodeMimeBase64(v) : onError(v, "BASE64"));
      else impl = (v) => new TextEncoder().encode(v);
      return { type: BINARY, nullable: s!.nullable || fmt !== "utf-8" && fmt !== "utf8", args: [s!], impl };
    },
  };
}

export const fn = toBinaryFunction("to_binary");
export default fn;
