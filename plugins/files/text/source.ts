// The `text` source: one row per line (or per file with wholetext) in a `value` column, as Spark's text format.
import { fileSource } from "../source.ts";
import { textFormat } from "../../formats/text_format.ts";
import { TEXT_OPTIONS } from "../source_options.ts";

export default fileSource(
  textFormat,
  TEXT_OPTIONS,
  "Reads text files line by line (a STRING column `value`) from a directory or glob, as they appear.",
  [
    { title: "Log lines from new files", options: { path: "/var/log/app" } },
    { title: "Each file as one row", options: { path: "/data/docs", wholetext: true } },
  ],
);
