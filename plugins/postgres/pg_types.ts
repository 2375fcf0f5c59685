// How Spark types are stored in PostgreSQL, and how values travel: each batch goes to the server as
// one JSON array of objects, unpacked by jsonb_to_recordset into typed columns, so a batch is one
// statement whatever its size.
//
//   Spark                         PostgreSQL
//   string                        text
//   binary                        bytea
//   boolean                       boolean
//   tinyint, smallint             smallint
//   int                           integer
//   bigint                        bigint
//   float                         real
//   double                        double precision
//   decimal(p, s)                 numeric(p, s)
//   date                          date
//   timestamp                     timestamp with time zone (timestamptz)
//   timestamp_ntz                 timestamp without time zone
//   time(p)                       time (microseconds; nanoseconds beyond are dropped)
//   day-time / year-month interval, calendar interval   interval
//   array<atomic type>            that type's array, e.g. bigint[], text[]
//   array<struct|map|array>, struct, map                jsonb (structs as objects by field name)
import type { DataType } from "sluice/plugin-sdk";

/** The column type Sluice creates for a Spark type. */
export function pgType(t: DataType): string {
  switch (t.kind) {
    case "string": return "text";
    case "binary": return "bytea";
    case "boolean": return "boolean";
    case "byte":
    case "short": return "smallint";
    case "int": return "integer";
    case "long": return "bigint";
    case "float": return "real";
    case "double": return "double precision";
    case "decimal": return `numeric(${t.precision}, ${t.scale})`;
    case "date": return "date";
    case "timestamp": return "timestamptz";
    case "timestamp_ntz": return "timestamp";
    case "time": return "time";
    case "daytime_interval":
    case "yearmonth_interval":
    case "calendar_interval": return "interval";
    case "array": return isAtomicForArray(t.elementType) ? `${pgType(t.elementType)}[]` : "jsonb";
    case "struct":
    case "map": return "jsonb";
    case "null": return "text";
  }
}

function isAtomicForArray(t: DataType): boolean {
  return t.kind !== "array" && t.kind !== "struct" && t.kind !== "map";
}

/**
 * The udt_names (information_schema.columns) of existing columns a Spark type may be written to:
 * its own type and wider ones.
 */
export function acceptedUdtNames(t: DataType): string[] {
  switch (t.kind) {
    case "string": return ["text", "varchar", "bpchar", "citext", "json", "jsonb", "uuid"];
    case "binary": return ["bytea"];
    case "boolean": return ["bool"];
    case "byte":
    case "short": return ["int2", "int4", "int8", "numeric", "float4", "float8"];
    case "int": return ["int4", "int8", "numeric", "float8"];
    case "long": return ["int8", "numeric"];
    case "float": return ["float4", "float8", "numeric"];
    case "double": return ["float8", "numeric"];
    case "decimal": return ["numeric", "float8"];
    case "date": return ["date", "timestamp", "timestamptz"];
    case "timestamp": return ["timestamptz", "timestamp"];
    case "timestamp_ntz": return ["timestamp", "timestamptz"];
    case "time": return ["time"];
    case "daytime_interval":
    case "yearmonth_interval":
    case "calendar_interval": return ["interval"];
    case "array":
      return isAtomicForArray(t.elementType) ? acceptedUdtNames(t.elementType).map((n) => `_${n}`).concat(["json", "jsonb"]) : ["json", "jsonb"];
    case "struct":
    case "map": return ["json", "jsonb"];
    case "null": return [];
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!];
  return s;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, "0");
}

/** Days since the epoch as an ISO date (proleptic Gregorian, years 1–9999 as PostgreSQL reads them). */
export function isoDate(days: number): string {
  const d = new Date(days * 86_400_000);
  const y = d.getUTCFullYear();
  const year = y <= 0 ? `${pad(1 - y, 4)}` : pad(y, 4);
  return `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}${y <= 0 ? " BC" : ""}`;
}

/** Microseconds since the epoch as an ISO timestamp with microseconds (UTC). */
export function isoTimestamp(micros: number, zone: boolean): string {
  const ms = Math.floor(micros / 1000);
  const us = micros - ms * 1000;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const year = y <= 0 ? pad(1 - y, 4) : pad(y, 4);
  return `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:` +
    `${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}${pad(us, 3)}${zone ? "Z" : ""}${y <= 0 ? " BC" : ""}`;
}

/** Nanoseconds since midnight (Sluice's TIME) as HH:MM:SS.ffffff. */
export function isoTime(nanos: number): string {
  const micros = Math.floor(nanos / 1000);
  const s = Math.floor(micros / 1_000_000);
  return `${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}.${pad(micros % 1_000_000, 6)}`;
}

/** An unscaled decimal as text: 12345n with scale 2 → "123.45". */
export function decimalText(unscaled: bigint, scale: number): string {
  if (scale === 0) return unscaled.toString();
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  return `${neg ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const q = (s: string) => JSON.stringify(s);

/**
 * A value as JSON text for jsonb_to_recordset: the form PostgreSQL's input function for the column
 * type reads (`top`), or natural JSON inside jsonb documents (`top` false).
 */
export function jsonValue(v: unknown, t: DataType, top: boolean): string {
  if (v === null || v === undefined) return "null";
  switch (t.kind) {
    case "string": return q(v as string);
    case "binary": return top ? q(`\\x${hex(v as Uint8Array)}`) : q(Buffer.from(v as Uint8Array).toString("base64"));
    case "boolean": return v ? "true" : "false";
    case "byte":
    case "short":
    case "int":
    case "long": return String(v);
    case "float":
    case "double": {
      const n = v as number;
      if (Number.isFinite(n)) return String(n);
      return q(Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity");
    }
    case "decimal": {
      const text = decimalText(v as bigint, t.scale);
      return top ? q(text) : text;
    }
    case "date": return q(isoDate(v as number));
    case "timestamp": return q(isoTimestamp(v as number, true));
    case "timestamp_ntz": return q(isoTimestamp(v as number, false));
    case "time": return q(isoTime(v as number));
    case "daytime_interval": return q(`${v} microseconds`);
    case "yearmonth_interval": return q(`${v} months`);
    case "calendar_interval": {
      const c = v as { months: number; days: number; microseconds?: number; micros?: number };
      return q(`${c.months} months ${c.days} days ${c.microseconds ?? c.micros ?? 0} microseconds`);
    }
    case "array": {
      const atomicArray = top && isAtomicForArray(t.elementType);
      return `[${(v as unknown[]).map((e) => jsonValue(e, t.elementType, atomicArray)).join(",")}]`;
    }
    case "struct":
      return `{${t.fields.map((f, i) => `${q(f.name)}:${jsonValue((v as unknown[])[i], f.dataType, false)}`).join(",")}}`;
    case "map": {
      const parts: string[] = [];
      for (const [k, val] of v as Map<unknown, unknown>) {
        const key = t.keyType.kind === "string" ? (k as string) : JSON.parse(jsonValue(k, t.keyType, false)).toString();
        parts.push(`${q(key)}:${jsonValue(val, t.valueType, false)}`);
      }
      return `{${parts.join(",")}}`;
    }
    case "null": return "null";
  }
}
