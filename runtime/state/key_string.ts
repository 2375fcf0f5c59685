// The in-memory Map key for a state key: a canonical string built from the key's values.
// Keys of strings, finite numbers, booleans and nulls (nearly all grouping keys) use
// JSON.stringify: native, and it returns a flat string, which the Map hashes faster than a
// concatenation. Other keys use a tagged form that starts with "\u0001", which no JSON text
// does; in it every part is self-delimiting (strings and binaries carry their length, numbers
// and bigints end with ";", nested values are bracketed). Either way two keys share a string
// only when they hold the same values of the same JS types.
//
// Keys are compared by value, exactly: -0 and 0 are different keys (Spark compares the bytes of
// UnsafeRows; operators normalise floating-point grouping keys before they reach the store),
// all NaNs are one key, and a Map key depends on its insertion order.
import { internalError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";

export function keyString(key: readonly unknown[]): string {
  for (let i = 0; i < key.length; i++) {
    const v = key[i];
    if (typeof v === "string" || typeof v === "boolean" || v === null) continue;
    if (typeof v === "number" && (v === 0 ? 1 / v > 0 : Number.isFinite(v))) continue;
    return tagged(key);
  }
  return JSON.stringify(key);
}

function tagged(key: readonly unknown[]): string {
  let s = "\u0001";
  for (let i = 0; i < key.length; i++) s += part(key[i]);
  return s;
}

function part(v: unknown): string {
  switch (typeof v) {
    case "string":
      return "s" + v.length + ":" + v;
    case "number":
      return v === 0 && 1 / v < 0 ? "n-0;" : "n" + v + ";";
    case "boolean":
      return v ? "T" : "F";
    case "bigint":
      return "b" + v + ";";
    case "undefined":
      return "u";
    case "object": {
      if (v === null) return "z";
      if (Array.isArray(v)) {
        let s = "[";
        for (let i = 0; i < v.length; i++) s += part(v[i]);
        return s + "]";
      }
      if (v instanceof Uint8Array) return "y" + v.length + ":" + latin1(v);
      if (v instanceof Map) {
        let s = "{";
        for (const [k, x] of v) s += part(k) + part(x);
        return s + "}";
      }
      if (v instanceof CalendarInterval) return "c" + part(v.months) + part(v.days) + part(v.micros);
    }
  }
  throw internalError(`A state store key cannot hold a value of type ${describe(v)}.`);
}

const CHUNK = 8192;

/** One char per byte: injective, and cheaper than hex for the rare binary key. */
function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return s;
}

export function describe(v: unknown): string {
  if (typeof v !== "object" || v === null) return typeof v;
  return v.constructor?.name ?? "object";
}
