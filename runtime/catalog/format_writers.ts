// The file formats a catalog table can be stored in, and how each writes a file of rows: the
// encoders of the file sinks (one writer per format for streams and tables alike).
import {
  csvEncoder, type CsvWriteOptions, type EncodeContext, type FileEncoder, jsonEncoder, type JsonWriteOptions, type ParquetCodec,
  parquetEncoder, parquetExtension, textEncoder,
} from "../plugin/builtins.ts";
import { SluiceError } from "../errors.ts";
import type { StructType } from "../types/data_type.ts";

export const TABLE_FORMATS = ["parquet", "json", "csv", "text"] as const;

function unsupported(format: string, column: string, type: string): SluiceError {
  return new SluiceError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
    `The ${format} datasource doesn't support the column \`${column}\` of the type "${type}".`, { sqlState: "0A000" });
}

/** Refuses columns a format cannot store (Spark's verifySchema). */
export function checkFormatSchema(format: string, schema: StructType): void {
  for (const f of schema.fields) {
    const k = f.dataType.kind;
    if (format === "csv" && (k === "array" || k === "map" || k === "struct" || k === "binary")) throw unsupported("CSV", f.name, f.dataType.sql());
    if (format === "text" && k !== "string") {
      throw new SluiceError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", `The Text datasource doesn't support the column \`${f.name}\` of the type "${f.dataType.sql()}".`, { sqlState: "0A000" });
    }
    if ((k === "daytime_interval" || k === "yearmonth_interval" || k === "calendar_interval") && format !== "json") {
      throw unsupported(format === "parquet" ? "Parquet" : format.toUpperCase(), f.name, f.dataType.sql());
    }
  }
  if (format === "text" && schema.fields.length !== 1) {
    throw new SluiceError("_LEGACY_ERROR_TEMP_2178", `Text data source supports only a single column, and you have ${schema.fields.length} columns.`);
  }
}

/** The encoder writing data columns `schema` in `format` with the table's options. */
export function formatEncoder(format: string, schema: StructType, options: Readonly<Record<string, string>>, ctx: EncodeContext): FileEncoder {
  switch (format) {
    case "parquet": {
      const codec = (options.compression ?? "snappy").toUpperCase() as ParquetCodec;
      return { extension: parquetExtension(codec), encode: parquetEncoder(codec) };
    }
    case "json":
      return { extension: ".json", encode: jsonEncoder(schema, options as JsonWriteOptions, ctx) };
    case "csv": {
      const o: CsvWriteOptions = { ...options, header: options.header === "true" } as CsvWriteOptions;
      return { extension: ".csv", encode: csvEncoder(schema, o, ctx) };
    }
    case "text":
      return { extension: ".txt", encode: textEncoder(options.lineSep ?? "\n") };
    default:
      throw new SluiceError("DATA_SOURCE_NOT_FOUND", `Failed to find the data source: ${format}. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.`,
        { sqlState: "42K02", hint: `Sluice's tables can be stored in ${TABLE_FORMATS.join(", ")}.` });
  }
}
