// The `text` sink: one line per row of a single STRING column, exactly once per batch (Spark's file sink).
import { fileSink } from "../sink.ts";
import { textEncoder } from "../../formats/text_encoder.ts";
import { TEXT_SINK_OPTIONS } from "../sink_options.ts";
import { textSingleColumn } from "../../formats/text_format.ts";
import { unsupportedDataType } from "../../formats/errors.ts";

export default fileSink(
  "text",
  TEXT_SINK_OPTIONS,
  (o) => ({ extension: ".txt", encode: textEncoder(typeof o.lineSep === "string" ? o.lineSep : "\n") }),
  (schema) => {
    if (schema.fields.length !== 1) throw textSingleColumn(schema.fields.length);
    const f = schema.fields[0]!;
    if (f.dataType.kind !== "string") throw unsupportedDataType("Text", f.name, f.dataType);
  },
  "Writes a single STRING column as lines of text files, exactly once (committed files are listed in _spark_metadata).",
  [{ title: "Lines of text", options: { path: "/data/out" } }],
);
