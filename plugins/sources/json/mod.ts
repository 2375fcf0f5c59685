// The `json` source: JSON Lines files (or one document per file with multiLine), as Spark's json format.
import { fileSource } from "../file/mod.ts";
import { jsonFormat } from "../file/formats/json.ts";
import { JSON_OPTIONS } from "../file/options.ts";

export default fileSource(
  jsonFormat,
  JSON_OPTIONS,
  "Reads JSON files (one object per line, or multiLine documents) from a directory or glob, as they appear.",
  [
    { title: "New JSON Lines files in a directory, two files per batch", options: { path: "/data/events", maxFilesPerTrigger: 2 } },
    { title: "Keep malformed lines in a column", options: { path: "/data/events", mode: "PERMISSIVE", columnNameOfCorruptRecord: "_corrupt_record" } },
  ],
);
