// The text file format (Spark's TextFileFormat): one STRING column (`value` unless the user names
// it), one row per line (\n, \r\n or \r, or `lineSep`), empty lines kept, or one row per file with
// `wholetext`.
import { STRING, StructField, StructType, userError, type Row } from "sluice/plugin-sdk";
import { unsupportedDataType } from "./errors.ts";
import type { FileFormat } from "./format.ts";
import { forEachLine, readBytes } from "./format.ts";

export const TEXT_SCHEMA = new StructType([new StructField("value", STRING, true)]);

export function textSingleColumn(size: number) {
  return userError("_LEGACY_ERROR_TEMP_1290", `Text data source supports only a single column, and you have ${size} columns.`);
}

export const textFormat: FileFormat = {
  name: "text",
  displayName: "Text",
  streamingNeedsSchema: false,
  fixedSchema: TEXT_SCHEMA,
  checkSchema(schema) {
    if (schema.fields.length !== 1) throw textSingleColumn(schema.fields.length);
    const f = schema.fields[0]!;
    if (f.dataType.kind !== "string") throw unsupportedDataType("Text", f.name, f.dataType);
  },
  inferSchema: () => TEXT_SCHEMA,
  reader(_schema, o) {
    const whole = o.wholetext === true;
    const lineSep = typeof o.lineSep === "string" ? o.lineSep : undefined;
    return (file) => {
      const bytes = readBytes(file.path);
      if (whole) return [[bytes.toString("utf8")]];
      const out: Row[] = [];
      forEachLine(bytes, lineSep, (line) => out.push([line]));
      return out;
    };
  },
};
