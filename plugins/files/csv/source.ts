// The `csv` source: delimited text files, as Spark's csv format.
import { fileSource } from "../source.ts";
import { csvFormat } from "../../formats/csv_format.ts";
import { CSV_OPTIONS } from "../source_options.ts";

export default fileSource(
  csvFormat,
  CSV_OPTIONS,
  "Reads CSV files from a directory or glob, as they appear.",
  [
    { title: "CSV files with a header line", options: { path: "/data/orders", header: true } },
    { title: "Semicolon-separated, NA as null, drop malformed lines", options: { path: "/data/in", sep: ";", nullValue: "NA", mode: "DROPMALFORMED" } },
  ],
);
