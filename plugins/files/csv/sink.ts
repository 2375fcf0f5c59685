// The `csv` sink: CSV files, exactly once per batch (Spark's file sink).
import { fileSink } from "../sink.ts";
import { csvEncoder, type CsvWriteOptions } from "../../formats/csv_encoder.ts";
import { CSV_SINK_OPTIONS } from "../sink_options.ts";
import { unsupportedDataType } from "../../formats/errors.ts";

export default fileSink(
  "csv",
  CSV_SINK_OPTIONS,
  (o, schema, ctx) => ({ extension: ".csv", encode: csvEncoder(schema, o as CsvWriteOptions, ctx) }),
  (schema) => {
    for (const f of schema.fields) {
      const k = f.dataType.kind;
      if (k === "array" || k === "map" || k === "struct" || k === "binary") throw unsupportedDataType("CSV", f.name, f.dataType);
    }
  },
  "Writes each batch as CSV files in a directory, exactly once (committed files are listed in _spark_metadata).",
  [
    { title: "CSV with a header line", options: { path: "/data/out", header: true } },
    { title: "Tab-separated", options: { path: "/data/out", sep: "\\t" } },
  ],
);
