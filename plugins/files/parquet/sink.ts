// The `parquet` sink: Parquet files, exactly once per batch (Spark's file sink).
import { fileSink } from "../sink.ts";
import { type ParquetCodec, parquetEncoder, parquetExtension } from "../../formats/parquet_encoder.ts";
import { PARQUET_SINK_OPTIONS } from "../sink_options.ts";
import { userError } from "sluice/plugin-sdk";

function codecOf(option: unknown): ParquetCodec {
  const c = typeof option === "string" ? option.toUpperCase() : "SNAPPY";
  return c === "NONE" ? "UNCOMPRESSED" : (c as ParquetCodec);
}

export default fileSink(
  "parquet",
  PARQUET_SINK_OPTIONS,
  (o) => {
    // ParquetOptions: `compression`, else `parquet.compression`.
    const codec = codecOf(o.compression ?? o["parquet.compression"]);
    return { extension: parquetExtension(codec), encode: parquetEncoder(codec) };
  },
  (schema) => {
    if (schema.fields.length === 0) {
      throw userError(
        "EMPTY_SCHEMA_NOT_SUPPORTED_FOR_DATASOURCE",
        "The Parquet datasource does not support writing empty or nested empty schemas. Please make sure the data schema has at least one or more column(s).",
        { sqlState: "0A000" },
      );
    }
  },
  "Writes each batch as Parquet files in a directory, exactly once (committed files are listed in _spark_metadata).",
  [
    { title: "Parquet partitioned by date", options: { path: "/data/lake/events", partitionBy: '["event_date"]' } },
    { title: "Zstandard-compressed Parquet", options: { path: "/data/lake/events", compression: "zstd" } },
  ],
);
