// The `parquet` source: Parquet files, as Spark's parquet format.
import { fileSource } from "../source.ts";
import { parquetFormat } from "../../formats/parquet_format.ts";
import { PARQUET_OPTIONS } from "../source_options.ts";

export default fileSource(
  parquetFormat,
  PARQUET_OPTIONS,
  "Reads Parquet files from a directory or glob, as they appear.",
  [
    { title: "New Parquet files, one per batch", options: { path: "/data/lake/events", maxFilesPerTrigger: 1 } },
    { title: "Batch read merging the files' schemas", options: { path: "/data/lake/events", mergeSchema: true } },
  ],
  // Reads only the columns a query uses, and skips row groups whose statistics rule out its filters.
  { columns: true, filters: true },
);
