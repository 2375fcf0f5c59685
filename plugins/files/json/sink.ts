// The `json` sink: JSON Lines files, exactly once per batch (Spark's file sink).
import { fileSink } from "../sink.ts";
import { jsonEncoder, type JsonWriteOptions } from "../../formats/json_encoder.ts";
import { JSON_SINK_OPTIONS } from "../sink_options.ts";

export default fileSink(
  "json",
  JSON_SINK_OPTIONS,
  (o, schema, ctx) => ({ extension: ".json", encode: jsonEncoder(schema, o as JsonWriteOptions, ctx) }),
  () => {},
  "Writes each batch as JSON Lines files in a directory, exactly once (committed files are listed in _spark_metadata).",
  [
    { title: "JSON files partitioned by day", options: { path: "/data/out", partitionBy: '["day"]' } },
    { title: "Gzip-compressed JSON", options: { path: "/data/out", compression: "gzip" } },
  ],
);
