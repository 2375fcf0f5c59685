// is_valid_utf8 / make_valid_utf8 / validate_utf8 / try_validate_utf8. Spark's strings are UTF-8
// bytes that may be invalid (a binary cast to string keeps its bytes); Sluice's strings are always
// decoded, so a BINARY argument is checked as bytes before any cast, and a string argument is
// invalid only when it holds an unpaired surrogate.
import { SluiceError } from "../../errors.ts";
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BOOLEAN, STRING } from "../../types/data_type.ts";
import { loneSurrogates } from "./charset.ts";

type Mode = "is_valid_utf8" | "make_valid_utf8" | "validate_utf8" | "try_validate_utf8";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

function hexOf(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, "0").toUpperCase()).join("");
}

/** The valid text of bytes, or null when they are not valid UTF-8. */
function validText(b: Uint8Array): string | null {
  try {
    return strict.decode(b);
  } catch {
    return null;
  }
}

export function utf8Function(name: Mode): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx) {
      const a = args[0]!;
      const type = name === "is_valid_utf8" ? BOOLEAN : STRING;
      const nullable = a.nullable || name === "try_validate_utf8";
      if (a.type.kind === "binary") {
        const impl = (b: Uint8Array) => {
          const text = validText(b);
          switch (name) {
            case "is_valid_utf8": return text !== null;
            case "make_valid_utf8": return text ?? lenient.decode(b);
            case "try_validate_utf8": return text;
            case "validate_utf8":
              if (text === null) throw invalidUtf8(`x'${hexOf(b)}'`);
              return text;
          }
        };
        return { type, nullable, impl };
      }
      const [s] = castArgs([a], [STRING], ctx);
      const impl = (v: string) => {
        const bad = /[\ud800-\udfff]/.test(v) ? loneSurrogates(v) : new Set<number>();
        if (bad.size === 0) return name === "is_valid_utf8" ? true : v;
        switch (name) {
          case "is_valid_utf8": return false;
          case "make_valid_utf8": return [...v].map((c) => (c.length === 1 && c >= "\ud800" && c <= "\udfff" ? "\ufffd" : c)).join("");
          case "try_validate_utf8": return null;
          case "validate_utf8": throw invalidUtf8(v);
        }
      };
      return { type, nullable, args: [s!], impl };
    },
  };
}

function invalidUtf8(shown: string): SluiceError {
  return new SluiceError("INVALID_UTF8_STRING", `Invalid UTF8 byte sequence found in string: ${shown}.`, { sqlState: "22029" });
}
