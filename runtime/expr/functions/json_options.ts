// The options map of from_json()/to_json(): a literal MAP<STRING, STRING> (or none), keys
// case-insensitive as Spark's CaseInsensitiveMap makes them.
import { SluiceError } from "../../errors.ts";
import type { Bound } from "../bound.ts";

export function jsonOptions(arg: Bound | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (arg === undefined) return out;
  if (arg.kind !== "lit" || arg.type.kind !== "map") {
    throw new SluiceError("INVALID_OPTIONS.NON_MAP_FUNCTION", "Invalid options: Must use the `map()` function for options.", { sqlState: "42K06" });
  }
  if (arg.type.keyType.kind !== "string" || arg.type.valueType.kind !== "string") {
    throw new SluiceError(
      "INVALID_OPTIONS.NON_STRING_TYPE",
      `Invalid options: A type of keys and values in \`map()\` must be string, but got "${arg.type.sql()}".`,
      { sqlState: "42K06" },
    );
  }
  const m = arg.value as Map<string, string | null> | null;
  if (m) for (const [k, v] of m) if (v !== null) out.set(k.toLowerCase(), v);
  return out;
}
