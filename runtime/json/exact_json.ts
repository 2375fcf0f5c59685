// JSON with exact 64-bit integers, as Spark (Jackson) writes and reads its checkpoint and progress
// JSON: an integer beyond 2^53 is written as its digits and read back as a bigint (the canonical
// long form of types/long.ts), where JSON.stringify refuses bigints and JSON.parse rounds them.
import { longFromDigits } from "../types/long.ts";

/** JSON.stringify's text for plain JSON values, with bigints written as their digits. */
export function stringifyExact(value: unknown): string {
  if (!containsBigInt(value)) return JSON.stringify(value);
  return write(value) ?? "null";
}

function write(v: unknown): string | undefined {
  if (typeof v === "bigint") return String(v);
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (typeof (v as { toJSON?: unknown }).toJSON === "function") return write((v as { toJSON(): unknown }).toJSON());
  if (Array.isArray(v)) return `[${v.map((x) => write(x) ?? "null").join(",")}]`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    const t = write(x);
    if (t !== undefined) parts.push(`${JSON.stringify(k)}:${t}`);
  }
  return `{${parts.join(",")}}`;
}

/** JSON.parse, with integers beyond 2^53 (and within 64 bits) read as exact bigints. */
export function parseExact(text: string): unknown {
  if (!BIG_INTEGER.test(text)) return JSON.parse(text);
  return JSON.parse(text, function (_k, v, context?: { source?: string }) {
    if (typeof v !== "number" || Number.isSafeInteger(v) || context?.source === undefined || !/^-?\d+$/.test(context.source)) return v;
    return longFromDigits(context.source) ?? v;
  } as (this: unknown, key: string, value: unknown) => unknown);
}

/** 16 or more digits in a row: the only texts that may hold an integer beyond 2^53. */
const BIG_INTEGER = /\d{16}/;

function containsBigInt(v: unknown): boolean {
  if (typeof v === "bigint") return true;
  if (v === null || typeof v !== "object") return false;
  for (const x of Array.isArray(v) ? v : Object.values(v)) if (containsBigInt(x)) return true;
  return false;
}
