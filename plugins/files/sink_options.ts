// The file sinks' options: path and partitionBy for all, plus each format's writer options.
import { DEFAULT_TIMESTAMP_FORMAT, type OptionsSchema } from "sluice/plugin-sdk";

const COMMON: Record<string, unknown> = {
  path: { type: "string", minLength: 1, description: "The output directory. Committed files are listed in its _spark_metadata log." },
  partitionBy: {
    type: "string",
    description:
      'The partition columns as a JSON array (set by writeStream.partitionBy(...)), e.g. ["date","country"]: rows go to key=value directories and those columns leave the files.',
  },
  retention: {
    type: "string",
    format: "duration",
    description: "Compactions of the _spark_metadata log drop entries for files older than this (e.g. 7d). Default: keep all.",
  },
  timeZone: { type: "string", description: "Time zone timestamps are written in. Default: spark.sql.session.timeZone." },
};

const TEXT_COMPRESSION = {
  type: "string",
  pattern: "^([Nn][Oo][Nn][Ee]|[Uu][Nn][Cc][Oo][Mm][Pp][Rr][Ee][Ss][Ss][Ee][Dd]|[Gg][Zz][Ii][Pp])$",
  description: "none (default) or gzip (files end in .gz).",
};

/** The files are written in UTF-8; Spark's encoding/charset options are accepted for it. */
const UTF8 = {
  type: "string",
  pattern: "^([Uu][Tt][Ff]-8|[Uu][Tt][Ff]8)$",
  description: "The files' character encoding: UTF-8 only (the default); Sluice writes no other encoding.",
};
const ENCODING = { encoding: UTF8, charset: { ...UTF8, description: "Alias of encoding." } };

const TS = { type: "string", description: `Pattern timestamps are written with. Default: ${DEFAULT_TIMESTAMP_FORMAT}.` };
const TS_NTZ = { type: "string", description: "Pattern TIMESTAMP_NTZ values are written with. Default: yyyy-MM-dd'T'HH:mm:ss[.SSS]." };
const DATE = { type: "string", description: "Pattern dates are written with. Default: yyyy-MM-dd." };
const LINE_SEP = { type: "string", minLength: 1, description: "The line separator. Default: \\n." };

export const JSON_SINK_OPTIONS: Record<string, unknown> = {
  ...ENCODING,
  compression: TEXT_COMPRESSION,
  timestampFormat: TS,
  timestampNTZFormat: TS_NTZ,
  dateFormat: DATE,
  ignoreNullFields: { type: "boolean", default: true, description: "Leave null fields out of the objects." },
  lineSep: LINE_SEP,
};

export const CSV_SINK_OPTIONS: Record<string, unknown> = {
  ...ENCODING,
  compression: TEXT_COMPRESSION,
  codec: { ...TEXT_COMPRESSION, description: "Alias of compression (compression wins when both are given)." },
  header: { type: "boolean", default: false, description: "Write the column names as the first line of each file." },
  sep: { type: "string", minLength: 1, description: "The field separator. Default: ,." },
  delimiter: { type: "string", minLength: 1, description: "Alias of sep." },
  quote: { type: "string", maxLength: 6, description: 'The quote character. Default: ".' },
  escape: { type: "string", maxLength: 6, description: "The character escaping quotes inside quoted values. Default: \\." },
  nullValue: { type: "string", description: "What null is written as. Default: nothing." },
  emptyValue: { type: "string", description: 'What the empty string is written as. Default: "".' },
  quoteAll: { type: "boolean", default: false, description: "Quote every value." },
  escapeQuotes: { type: "boolean", default: true, description: "Escape quotes inside quoted values." },
  ignoreLeadingWhiteSpace: { type: "boolean", default: true, description: "Trim spaces before values." },
  ignoreTrailingWhiteSpace: { type: "boolean", default: true, description: "Trim spaces after values." },
  timestampFormat: TS,
  timestampNTZFormat: TS_NTZ,
  dateFormat: DATE,
  lineSep: LINE_SEP,
};

export const TEXT_SINK_OPTIONS: Record<string, unknown> = {
  ...ENCODING,
  compression: TEXT_COMPRESSION,
  lineSep: LINE_SEP,
};

export const PARQUET_SINK_OPTIONS: Record<string, unknown> = {
  compression: {
    type: "string",
    pattern: "^([Ss][Nn][Aa][Pp][Pp][Yy]|[Gg][Zz][Ii][Pp]|[Zz][Ss][Tt][Dd]|[Nn][Oo][Nn][Ee]|[Uu][Nn][Cc][Oo][Mm][Pp][Rr][Ee][Ss][Ss][Ee][Dd])$",
    description: "snappy (default), gzip, zstd or none.",
  },
  "parquet.compression": {
    type: "string",
    pattern: "^([Ss][Nn][Aa][Pp][Pp][Yy]|[Gg][Zz][Ii][Pp]|[Zz][Ss][Tt][Dd]|[Nn][Oo][Nn][Ee]|[Uu][Nn][Cc][Oo][Mm][Pp][Rr][Ee][Ss][Ss][Ee][Dd])$",
    description: "The codec when compression is not given, as Spark's ParquetOptions reads it.",
  },
};

export function fileSinkOptions(formatOptions: Record<string, unknown>): OptionsSchema {
  return { type: "object", additionalProperties: false, required: ["path"], properties: { ...COMMON, ...formatOptions } };
}

export interface FileSinkOptions {
  path: string;
  partitionBy?: string;
  retention?: string;
  timeZone?: string;
  compression?: string;
  [formatOption: string]: unknown;
}
