// Rows as JSON Lines, as Spark's JacksonGenerator writes them: one object per row with the
// fields in schema order, null fields left out (ignoreNullFields), timestamps as
// yyyy-MM-dd'T'HH:mm:ss.SSSXXX in the session time zone, dates as yyyy-MM-dd, decimals as plain
// numbers, doubles as Java prints them, binary as base64.
import { compileDatetimePattern, DEFAULT_TIMESTAMP_FORMAT, javaDoubleToString, javaFloatToString, dateToString, castToString, type Row, type DataType, type StructType } from "sluice/plugin-sdk";
import { base64, decimalString, type EncodeContext, type FileEncoder } from "./encoder.ts";

export interface JsonWriteOptions {
  timestampFormat?: string;
  timestampNTZFormat?: string;
  dateFormat?: string;
  ignoreNullFields?: boolean;
  lineSep?: string;
}

type Writer = (v: any) => string;

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return '"NaN"';
  if (x === Infinity) return '"Infinity"';
  if (x === -Infinity) return '"-Infinity"';
  return null;
}

function writerFor(t: DataType, o: JsonWriteOptions, ctx: EncodeContext): Writer {
  switch (t.kind) {
    case "string": return (v: string) => JSON.stringify(v);
    case "boolean": return (v: boolean) => (v ? "true" : "false");
    case "byte": case "short": case "int": case "long": return (v: number) => String(v);
    case "double": return (v: number) => nonFinite(v) ?? javaDoubleToString(v);
    case "float": return (v: number) => nonFinite(v) ?? javaFloatToString(v);
    case "decimal": return (v: bigint) => decimalString(v, t.scale);
    case "timestamp": {
      const p = compileDatetimePattern(o.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT, false);
      return (v: number) => JSON.stringify(p.format(v, ctx.zone));
    }
    case "timestamp_ntz": {
      const p = compileDatetimePattern(o.timestampNTZFormat ?? "yyyy-MM-dd'T'HH:mm:ss[.SSS]", false);
      return (v: number) => JSON.stringify(p.formatLocal(v));
    }
    case "date": {
      if (o.dateFormat === undefined) return (v: number) => `"${dateToString(v)}"`;
      const p = compileDatetimePattern(o.dateFormat, false);
      return (v: number) => JSON.stringify(p.formatLocal(v * 86_400_000_000));
    }
    case "binary": return (v: Uint8Array) => `"${base64(v)}"`;
    case "array": {
      const el = writerFor(t.elementType, o, ctx);
      return (v: unknown[]) => `[${v.map((x) => (x === null || x === undefined ? "null" : el(x))).join(",")}]`;
    }
    case "map": {
      const key = castToString(t.keyType, ctx.zoneId);
      const val = writerFor(t.valueType, o, ctx);
      return (v: Map<unknown, unknown>) => {
        const parts: string[] = [];
        for (const [k, x] of v) parts.push(`${JSON.stringify(key(k))}:${x === null || x === undefined ? "null" : val(x)}`);
        return `{${parts.join(",")}}`;
      };
    }
    case "struct": return structWriter(t, o, ctx);
    default: {
      const s = castToString(t, ctx.zoneId);
      return (v) => JSON.stringify(s(v));
    }
  }
}

function structWriter(t: StructType, o: JsonWriteOptions, ctx: EncodeContext): (row: unknown[]) => string {
  const keys = t.fields.map((f) => JSON.stringify(f.name) + ":");
  const writers = t.fields.map((f) => writerFor(f.dataType, o, ctx));
  const skipNulls = o.ignoreNullFields !== false;
  const n = keys.length;
  return (row) => {
    let out = "{";
    let first = true;
    for (let i = 0; i < n; i++) {
      const v = row[i];
      if (v === null || v === undefined) {
        if (skipNulls) continue;
        out += (first ? "" : ",") + keys[i] + "null";
      } else out += (first ? "" : ",") + keys[i] + writers[i]!(v);
      first = false;
    }
    return out + "}";
  };
}

export function jsonEncoder(schema: StructType, o: JsonWriteOptions, ctx: EncodeContext): FileEncoder["encode"] {
  const write = structWriter(schema, o, ctx);
  const sep = o.lineSep ?? "\n";
  return (rows: readonly Row[]) => {
    const parts = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) parts[i] = write(rows[i]!);
    return new TextEncoder().encode(parts.length ? parts.join(sep) + sep : "");
  };
}
