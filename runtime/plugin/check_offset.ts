// What the engine accepts as a source offset: a JSON value that comes back unchanged from
// stringifyExact + parseExact (json/exact_json.ts), because it is written to offsets/N and read
// back on restart; integers beyond 2^53 as canonical bigints, which come back exact. NaN
// would come back as null, undefined would vanish, a Date would come back as a string, a cycle
// cannot be written at all: each would make a restart read other data than the first run did.

import { fitsLong, isCanonicalLong } from "../types/long.ts";

/** Where `v` stops being such a JSON value (a path like `$.topic["0"]` and why), or null when it is one. */
export function offsetProblem(v: unknown): string | null {
  return problemAt(v, "$", new Set());
}

function problemAt(v: unknown, path: string, open: Set<object>): string | null {
  switch (typeof v) {
    case "string": case "boolean":
      return null;
    case "number":
      return Number.isFinite(v) ? null : `${path} is ${v}, which JSON cannot hold (it would be read back as null)`;
    case "undefined":
      return `${path} is undefined, which JSON cannot hold (return null for "no offset yet")`;
    case "bigint":
      // Read back as a bigint only beyond 2^53 and within 64 bits (and as a number otherwise).
      return isCanonicalLong(v) ? null : `${path} is the bigint ${v}n, which the checkpoint would read back ${fitsLong(v) ? "as a number (use a number for integers up to 2^53)" : "rounded (beyond 64 bits; use a string)"}`;
    case "function": case "symbol":
      return `${path} is a ${typeof v}, not a JSON value`;
  }
  if (v === null) return null;
  const o = v as object;
  if (open.has(o)) return `${path} refers back to an enclosing value (a cycle), which JSON cannot hold`;
  const proto = Object.getPrototypeOf(o);
  if (Array.isArray(o)) {
    open.add(o);
    for (let i = 0; i < o.length; i++) {
      if (!(i in o)) return `${path}[${i}] is a hole in the array, which JSON would read back as null`;
      const p = problemAt(o[i], `${path}[${i}]`, open);
      if (p !== null) return p;
    }
    open.delete(o);
    return null;
  }
  if (proto !== Object.prototype && proto !== null) {
    return `${path} is a ${o.constructor?.name ?? "non-plain object"}, which JSON would not read back as the same value (use plain objects, arrays, strings, finite numbers, booleans and null)`;
  }
  open.add(o);
  for (const [k, x] of Object.entries(o)) {
    const p = problemAt(x, `${path}${/^[A-Za-z_$][\w$]*$/.test(k) ? "." + k : `[${JSON.stringify(k)}]`}`, open);
    if (p !== null) return p;
  }
  open.delete(o);
  return null;
}
