// The file sources' options: one JSON Schema per format, sharing the options every file source
// takes (path, rate limits, file selection, cleanSource). Spark reads option names ignoring case;
// the engine's validator does the same and fills in the defaults given here.
import type { OptionsSchema } from "sluice/plugin-sdk";

/** cleanSource values, case-insensitive as Spark's CleanSourceMode. */
const CLEAN_SOURCE = "^([Oo][Ff][Ff]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Aa][Rr][Cc][Hh][Ii][Vv][Ee])$";

export const COMMON_OPTIONS: Record<string, unknown> = {
  path: {
    type: "string",
    minLength: 1,
    description: "The directory (read recursively), file or glob pattern (*, ?, [abc], {a,b}) to read.",
  },
  maxFilesPerTrigger: {
    type: "integer",
    exclusiveMinimum: 0,
    description: "Streaming: at most this many new files per micro-batch (oldest first). Default: no limit.",
  },
  maxBytesPerTrigger: {
    type: "integer",
    exclusiveMinimum: 0,
    description:
      "Streaming: a soft limit on the bytes of new files per micro-batch (a batch always takes at least one file). Ignored when maxFilesPerTrigger is set.",
  },
  latestFirst: {
    type: "boolean",
    default: false,
    description: "Streaming: take the newest files first (then maxFileAge is ignored when a per-trigger limit is set).",
  },
  fileNameOnly: {
    type: "boolean",
    default: false,
    description: "Streaming: recognise files already read by their name only, not their full path.",
  },
  maxFileAge: {
    type: "string",
    format: "duration",
    default: "7d",
    description:
      "Streaming: files older than the newest file seen minus this age are ignored (not on the first batch). Ignored with latestFirst and a per-trigger limit.",
  },
  cleanSource: {
    type: "string",
    pattern: CLEAN_SOURCE,
    default: "off",
    description: "Streaming: what to do with a file once its batch is committed: off, delete, or archive (move under sourceArchiveDir).",
  },
  sourceArchiveDir: {
    type: "string",
    minLength: 1,
    description: "Where cleanSource=archive moves finished files (their full path is kept below this directory).",
  },
  pathGlobFilter: {
    type: "string",
    description: "Only read files whose name matches this glob pattern (e.g. *.json).",
  },
  ignoreMissingFiles: {
    type: "boolean",
    default: false,
    description: "Skip files that were deleted after they were listed, instead of failing the read.",
  },
  timeZone: {
    type: "string",
    description: "Time zone for timestamps without an explicit offset. Default: spark.sql.session.timeZone.",
  },
  recursiveFileLookup: {
    type: "boolean",
    default: false,
    description: "Read the files below the path without discovering partition columns from key=value directories.",
  },
};

/** Text formats read UTF-8 only; Spark's encoding/charset options are accepted for it. */
const UTF8 = {
  type: "string",
  pattern: "^([Uu][Tt][Ff]-8|[Uu][Tt][Ff]8)$",
  description: "The files' character encoding: UTF-8 only (the default); Sluice reads no other encoding.",
};
const ENCODING = { encoding: UTF8, charset: { ...UTF8, description: "Alias of encoding." } };

const MODE = {
  type: "string",
  default: "PERMISSIVE",
  description:
    "How malformed records are handled: PERMISSIVE (null fields, the raw text in columnNameOfCorruptRecord if the schema has it), DROPMALFORMED (skip them) or FAILFAST (fail the read).",
};

const CORRUPT = {
  type: "string",
  minLength: 1,
  description: "The STRING column of the schema that receives the text of malformed records. Default: spark.sql.columnNameOfCorruptRecord (_corrupt_record).",
};

const DATE_FORMAT = { type: "string", description: "Pattern for DATE values (Spark datetime pattern). Default: ISO dates such as 2024-01-31." };
const TIMESTAMP_FORMAT = {
  type: "string",
  description: "Pattern for TIMESTAMP values. Default: ISO timestamps such as 2024-01-31T10:00:00.000Z or 2024-01-31 10:00:00.",
};
const TIMESTAMP_NTZ_FORMAT = { type: "string", description: "Pattern for TIMESTAMP_NTZ values." };
const LINE_SEP = { type: "string", minLength: 1, description: "The line separator. Default: \\n, \\r\\n or \\r." };

/** Spark's JSON parser options (JSONOptions), with Spark's defaults. */
const jsonFlag = (dflt: boolean, description: string) => ({ type: "boolean", default: dflt, description });

export const JSON_OPTIONS: Record<string, unknown> = {
  // encoding/charset: JSON reads other encodings too (below), so not the UTF-8-only ENCODING.
  multiLine: { type: "boolean", default: false, description: "Each file is one JSON document (an object or an array of objects) instead of one per line." },
  primitivesAsString: { type: "boolean", default: false, description: "Schema inference: read numbers and booleans as STRING." },
  prefersDecimal: { type: "boolean", default: false, description: "Schema inference: read fractional numbers (and numeric strings) as DECIMAL where they fit." },
  dropFieldIfAllNull: { type: "boolean", default: false, description: "Schema inference: leave out columns that are null (or empty arrays) in every record." },
  allowComments: jsonFlag(false, "Accept Java/C++ comments (/* … */ and // …) in records."),
  allowUnquotedFieldNames: jsonFlag(false, "Accept field names without quotes ({a: 1})."),
  allowSingleQuotes: jsonFlag(true, "Accept single quotes around strings and names ({'a': 'x'})."),
  allowNumericLeadingZeros: jsonFlag(false, "Accept leading zeros in numbers (007)."),
  allowNonNumericNumbers: jsonFlag(true, "Accept NaN, Infinity, +Infinity, -Infinity, +INF and -INF as numbers."),
  allowBackslashEscapingAnyCharacter: jsonFlag(false, "Accept a backslash before any character (\\q reads as q)."),
  allowUnquotedControlChars: jsonFlag(false, "Accept characters below U+0020 (a raw tab) inside strings."),
  encoding: {
    type: "string",
    minLength: 1,
    description: "The files' character set (UTF-8 by default; e.g. UTF-16LE, ISO-8859-1). Other than UTF-8 it needs lineSep unless multiLine. Alias: charset.",
  },
  charset: { type: "string", minLength: 1, description: "Alias of encoding." },
  dateFormat: DATE_FORMAT,
  timestampFormat: TIMESTAMP_FORMAT,
  timestampNTZFormat: TIMESTAMP_NTZ_FORMAT,
  mode: MODE,
  columnNameOfCorruptRecord: CORRUPT,
  lineSep: LINE_SEP,
};

export const CSV_OPTIONS: Record<string, unknown> = {
  ...ENCODING,
  header: { type: "boolean", default: false, description: "The first line of each file is a header (column names when the schema is inferred)." },
  sep: { type: "string", minLength: 1, description: "The field separator (one or more characters). Default: ,." },
  delimiter: { type: "string", minLength: 1, description: "Alias of sep." },
  quote: { type: "string", maxLength: 6, description: 'The quote character. Default: ". An empty string turns quoting off.' },
  escape: { type: "string", maxLength: 6, description: "The character escaping a quote inside a quoted value. Default: \\." },
  comment: { type: "string", maxLength: 6, description: "Lines starting with this character are skipped. Default: none." },
  nullValue: { type: "string", description: "The text that reads as null. Default: the empty string." },
  emptyValue: { type: "string", description: 'What a quoted empty value ("") reads as. Default: the empty string (which is then null when nullValue is empty).' },
  nanValue: { type: "string", description: "The text of NaN for FLOAT/DOUBLE columns. Default: NaN." },
  positiveInf: { type: "string", description: "The text of +infinity. Default: Inf." },
  negativeInf: { type: "string", description: "The text of -infinity. Default: -Inf." },
  ignoreLeadingWhiteSpace: { type: "boolean", default: false, description: "Trim spaces before values." },
  ignoreTrailingWhiteSpace: { type: "boolean", default: false, description: "Trim spaces after values." },
  inferSchema: { type: "boolean", default: false, description: "Batch reads: infer column types from the data (otherwise every column is STRING)." },
  enforceSchema: { type: "boolean", default: true, description: "Apply the given schema by position, ignoring header names (the only behaviour supported)." },
  multiLine: { type: "boolean", default: false, description: "Quoted values may span lines." },
  mode: MODE,
  columnNameOfCorruptRecord: CORRUPT,
  dateFormat: DATE_FORMAT,
  timestampFormat: TIMESTAMP_FORMAT,
  timestampNTZFormat: TIMESTAMP_NTZ_FORMAT,
  lineSep: LINE_SEP,
};

export const TEXT_OPTIONS: Record<string, unknown> = {
  ...ENCODING,
  wholetext: { type: "boolean", default: false, description: "Read each file as one row instead of one row per line." },
  lineSep: LINE_SEP,
};

export const PARQUET_OPTIONS: Record<string, unknown> = {
  mergeSchema: { type: "boolean", default: false, description: "Schema inference: merge the schemas of all files instead of using the first file's." },
};

export function fileSourceOptions(formatOptions: Record<string, unknown>): OptionsSchema {
  return {
    type: "object",
    additionalProperties: false,
    required: ["path"],
    properties: { ...COMMON_OPTIONS, ...formatOptions },
  };
}

/** The options after validation, as the reader uses them. */
export interface FileSourceOptions {
  path: string;
  maxFilesPerTrigger?: number;
  maxBytesPerTrigger?: number;
  latestFirst: boolean;
  fileNameOnly: boolean;
  maxFileAge: string;
  cleanSource: string;
  sourceArchiveDir?: string;
  pathGlobFilter?: string;
  ignoreMissingFiles: boolean;
  timeZone?: string;
  recursiveFileLookup: boolean;
  [formatOption: string]: unknown;
}
