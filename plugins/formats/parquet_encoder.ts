// Rows as a Parquet file, written with hyparquet-writer. Types follow Spark's ParquetWriteSupport
// with spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS: timestamps are INT64
// TIMESTAMP(MICROS, adjusted to UTC) (TIMESTAMP_NTZ: not adjusted), dates INT32 DATE, decimals
// INT32/INT64/FIXED_LEN_BYTE_ARRAY by precision, arrays and maps as standard 3-level LIST and MAP
// groups. Every column is OPTIONAL (Spark reads files as nullable anyway). The Spark schema goes
// into the footer under org.apache.spark.sql.parquet.row.metadata, as Spark writes it.
import { gzipSync, zstdCompressSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { SchemaElement } from "hyparquet";
import type { Row, DataType, StructType } from "sluice/plugin-sdk";
import { asNullable, schemaToJson, SPARK_ROW_METADATA_KEY } from "./spark_schema_json.ts";
import type { FileEncoder } from "./encoder.ts";

export type ParquetCodec = "SNAPPY" | "GZIP" | "ZSTD" | "UNCOMPRESSED";

/** Rows per row group (Spark sizes row groups by bytes, 128 MB; rows are the knob here). */
export const PARQUET_ROW_GROUP_ROWS = 100_000;

/** The Spark version whose (proleptic Gregorian) calendar the values follow: tells Spark not to rebase dates. */
const SPARK_VERSION_KEY = "org.apache.spark.version";
const SPARK_VERSION = "4.1.1";

export function parquetExtension(codec: ParquetCodec): string {
  return { SNAPPY: ".snappy.parquet", GZIP: ".gz.parquet", ZSTD: ".zstd.parquet", UNCOMPRESSED: ".parquet" }[codec];
}

/** Bytes needed for a decimal of `precision` digits in FIXED_LEN_BYTE_ARRAY (Spark's minBytesForPrecision). */
function minBytesForPrecision(precision: number): number {
  let bytes = 1;
  while (2n ** BigInt(8 * bytes - 1) < 10n ** BigInt(precision)) bytes++;
  return bytes;
}

/** Appends the schema elements of one field (depth first, as Parquet lists them). */
function elements(name: string, t: DataType, out: SchemaElement[], repetition: "OPTIONAL" | "REQUIRED" | "REPEATED" = "OPTIONAL"): void {
  const base = { name, repetition_type: repetition } as SchemaElement;
  switch (t.kind) {
    case "boolean": out.push({ ...base, type: "BOOLEAN" }); return;
    case "byte": out.push({ ...base, type: "INT32", converted_type: "INT_8", logical_type: { type: "INTEGER", bitWidth: 8, isSigned: true } }); return;
    case "short": out.push({ ...base, type: "INT32", converted_type: "INT_16", logical_type: { type: "INTEGER", bitWidth: 16, isSigned: true } }); return;
    case "int": out.push({ ...base, type: "INT32" }); return;
    case "long": out.push({ ...base, type: "INT64" }); return;
    case "float": out.push({ ...base, type: "FLOAT" }); return;
    case "double": out.push({ ...base, type: "DOUBLE" }); return;
    case "string": out.push({ ...base, type: "BYTE_ARRAY", converted_type: "UTF8", logical_type: { type: "STRING" } }); return;
    case "binary": out.push({ ...base, type: "BYTE_ARRAY" }); return;
    case "date": out.push({ ...base, type: "INT32", converted_type: "DATE", logical_type: { type: "DATE" } }); return;
    case "timestamp":
      out.push({ ...base, type: "INT64", converted_type: "TIMESTAMP_MICROS", logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" } });
      return;
    case "timestamp_ntz":
      out.push({ ...base, type: "INT64", logical_type: { type: "TIMESTAMP", isAdjustedToUTC: false, unit: "MICROS" } });
      return;
    case "decimal": {
      const dec = { converted_type: "DECIMAL", precision: t.precision, scale: t.scale, logical_type: { type: "DECIMAL", precision: t.precision, scale: t.scale } } as const;
      if (t.precision <= 9) out.push({ ...base, type: "INT32", ...dec } as SchemaElement);
      else if (t.precision <= 18) out.push({ ...base, type: "INT64", ...dec } as SchemaElement);
      else out.push({ ...base, type: "FIXED_LEN_BYTE_ARRAY", type_length: minBytesForPrecision(t.precision), ...dec } as SchemaElement);
      return;
    }
    case "array":
      out.push({ ...base, num_children: 1, converted_type: "LIST", logical_type: { type: "LIST" } } as SchemaElement);
      out.push({ name: "list", repetition_type: "REPEATED", num_children: 1 } as SchemaElement);
      elements("element", t.elementType, out, "OPTIONAL");
      return;
    case "map":
      out.push({ ...base, num_children: 1, converted_type: "MAP", logical_type: { type: "MAP" } } as SchemaElement);
      out.push({ name: "key_value", repetition_type: "REPEATED", num_children: 2 } as SchemaElement);
      elements("key", t.keyType, out, "REQUIRED");
      elements("value", t.valueType, out, "OPTIONAL");
      return;
    case "struct":
      out.push({ ...base, num_children: t.fields.length } as SchemaElement);
      for (const f of t.fields) elements(f.name, f.dataType, out, "OPTIONAL");
      return;
    default:
      // Intervals and other types without a Parquet form are written as their text.
      out.push({ ...base, type: "BYTE_ARRAY", converted_type: "UTF8", logical_type: { type: "STRING" } });
  }
}

/** The value hyparquet-writer expects for `t` (structs as objects, longs as bigints). */
function toWriter(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case "long": return BigInt(v as number);
    case "array": return (v as unknown[]).map((x) => toWriter(x, t.elementType));
    case "map": {
      const out: { key: unknown; value: unknown }[] = [];
      for (const [k, x] of v as Map<unknown, unknown>) out.push({ key: toWriter(k, t.keyType), value: toWriter(x, t.valueType) });
      return out;
    }
    case "struct": {
      const row = v as unknown[];
      const o: Record<string, unknown> = {};
      t.fields.forEach((f, i) => (o[f.name] = toWriter(row[i], f.dataType)));
      return o;
    }
    case "string": case "boolean": case "int": case "short": case "byte": case "float": case "double": case "date":
    case "timestamp": case "timestamp_ntz": case "decimal": case "binary":
      return v;
    default: return String(v);
  }
}

const needsConversion = (t: DataType) => t.kind === "long" || t.kind === "array" || t.kind === "map" || t.kind === "struct" ||
  t.kind.endsWith("interval");

export function parquetEncoder(codec: ParquetCodec): FileEncoder["encode"] {
  return (rows: readonly Row[], schema: StructType) => {
    const schemaElements: SchemaElement[] = [{ name: "spark_schema", num_children: schema.fields.length } as SchemaElement];
    for (const f of schema.fields) elements(f.name, f.dataType, schemaElements);
    const columnData = schema.fields.map((f, i) => {
      const data = new Array(rows.length);
      if (needsConversion(f.dataType)) for (let r = 0; r < rows.length; r++) data[r] = toWriter(rows[r]![i], f.dataType);
      else for (let r = 0; r < rows.length; r++) data[r] = rows[r]![i] ?? null;
      return { name: f.name, data };
    });
    const buffer = parquetWriteBuffer({
      columnData,
      schema: schemaElements,
      codec,
      compressors: {
        GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)),
        ZSTD: (input: Uint8Array) => new Uint8Array(zstdCompressSync(input)),
      },
      rowGroupSize: PARQUET_ROW_GROUP_ROWS,
      kvMetadata: [
        { key: SPARK_ROW_METADATA_KEY, value: schemaToJson(asNullable(schema) as StructType) },
        { key: SPARK_VERSION_KEY, value: SPARK_VERSION },
      ],
      createdBy: "sluice (hyparquet-writer)",
    } as never);
    return new Uint8Array(buffer);
  };
}
