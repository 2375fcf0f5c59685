// Partition values as the log stores them (PROTOCOL.md "Partition Value Serialization"), written
// as delta-spark 4 writes them: Spark's cast to string, except timestamps, normalized to UTC in
// ISO 8601 ("2000-01-01T12:00:00.000000Z"); null (and Spark's empty string) as null. Reading takes
// every form the protocol allows, a timestamp without a zone being in the session's time zone.
import { castFunction, castToString, STRING, type DataType } from "sluice/plugin-sdk";
import { DEFAULT_PARTITION_NAME, escapePathName } from "../formats/partitioning.ts";

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Microseconds since the epoch as "yyyy-MM-ddTHH:mm:ss.SSSSSSZ" (proleptic Gregorian, UTC). */
export function utcIsoMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const year = y < 0 ? `-${pad(-y, 4)}` : y > 9999 ? `+${y}` : pad(y, 4);
  const frac = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(frac, 6)}Z`;
}

/** Serializes partition values of `types` (engine representation) for the log. */
export function partitionValueWriter(type: DataType, timeZone: string): (v: unknown) => string | null {
  if (type.kind === "timestamp") return (v) => (v === null || v === undefined ? null : utcIsoMicros(v as number));
  const text = castToString(type, timeZone);
  return (v) => {
    if (v === null || v === undefined) return null;
    const s = text(v);
    return s === "" ? null : s;
  };
}

/** Parses a partition value from the log into the engine representation of `type`. */
export function partitionValueReader(type: DataType, timeZone: string): (s: string | null | undefined) => unknown {
  if (type.kind === "string") return (s) => (s === null || s === undefined ? null : s);
  const parse = castFunction(STRING, type, true, timeZone);
  return (s) => (s === null || s === undefined || s === "" ? null : parse(s));
}

/** The directory a file with these partition values goes to ("k=v/k2=v2"), names Hive-escaped. */
export function partitionDirectory(names: readonly string[], texts: readonly (string | null)[]): string {
  return names.map((n, i) => {
    const t = texts[i];
    return `${escapePathName(n)}=${t === null || t === undefined || t === "" ? DEFAULT_PARTITION_NAME : escapePathName(t)}`;
  }).join("/");
}
