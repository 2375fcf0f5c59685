// The options map of from_json()/to_json(): map('k', 'v', …) of constants or a literal
// MAP<STRING, STRING> (or none), keys case-insensitive as Spark's CaseInsensitiveMap makes them.
import { SluiceError } from "../../errors.ts";
import type { Bound } from "../bound.ts";
import { constantValue } from "../coercion.ts";

/** The value of a literal map, or of map(…) over constants (which Spark evaluates at analysis). */
function mapValue(arg: Bound): { value: unknown } | undefined {
  if (arg.kind === "lit") return { value: arg.value };
  if (arg.kind !== "fn" || arg.name !== "map") return undefined;
  const kv = arg.args.map(constantValue);
  if (kv.some((c) => c === undefined)) return undefined;
  return { value: arg.impl(...kv.map((c) => c!.value)) };
}

export function jsonOptions(arg: Bound | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (arg === undefined) return out;
  if (arg.type.kind !== "map" || (arg.kind !== "lit" && !(arg.kind === "fn" && arg.name === "map"))) {
    throw new SluiceError("INVALID_OPTIONS.NON_MAP_FUNCTION", "Invalid options: Must use the `map()` function for options.", { sqlState: "42K06" });
  }
  if (arg.type.keyType.kind !== "string" || arg.type.valueType.kind !== "string") {
    throw new SluiceError(
      "INVALID_OPTIONS.NON_STRING_TYPE",
      `Invalid options: A type of keys and values in \`map()\` must be string, but got "${arg.type.sql()}".`,
      { sqlState: "42K06" },
    );
  }
  const c = mapValue(arg);
  if (c === undefined) {
    throw new SluiceError("INVALID_OPTIONS.NON_MAP_FUNCTION", "Invalid options: Must use the `map()` function for options.", { sqlState: "42K06" });
  }
  const m = c.value as Map<string, string | null> | null;
  if (m) for (const [k, v] of m) if (v !== null) out.set(k.toLowerCase(), v);
  return out;
}
