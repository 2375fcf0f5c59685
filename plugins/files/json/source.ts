// The `json` source: JSON Lines files (or one document per file with multiLine), as Spark's json format.
import { fileSource } from "../source.ts";
import { jsonFormat } from "../../formats/json_format.ts";
import { JSON_OPTIONS } from "../source_options.ts";

export default fileSource(
  jsonFormat,
  JSON_OPTIONS,
  "Reads JSON files (one object per line, or multiLine documents) from a directory or glob, as they appear.",
  [
    { title: "New JSON Lines files in a directory, two files per batch", options: { path: "/data/events", maxFilesPerTrigger: 2 } },
    { title: "Keep malformed lines in a column", options: { path: "/data/events", mode: "PERMISSIVE", columnNameOfCorruptRecord: "_corrupt_record" } },
  ],
  // Only the columns the query reads are converted from each parsed line; pushed filters skip
  // records as Spark's JSON reader skips them (its numInputRows counts what is left).
  { columns: true, filters: true },
);
