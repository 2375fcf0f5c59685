// The options Spark 4.1.1 accepts for the file formats (spark_options.json, dumped from PySpark by
// scripts/goldens/format_options.py) that Sluice's file sources and sinks accept without acting on
// them, each with why (noEffectOptions: a warning says so once), and those refused because
// ignoring them would change the result (unsupportedOptions). spark_options.test.ts checks that
// every Spark option of a format is an option of its plugins or listed here.

import sparkOptions from "./spark_options.json" with { type: "json" };

type Reasons = Readonly<Record<string, string>>;
const FORMATS = ["json", "csv", "text", "parquet"] as const;
type Format = (typeof FORMATS)[number];

const WRITING = "a writing option: no effect when reading, as in Spark.";
const READING = "a reading option: no effect when writing, as in Spark.";
const COMPRESSION_READ = "when reading, the codec comes from each file's extension (.gz, .deflate), as in Spark.";
const SAMPLING = "schema inference reads every record (as samplingRatio 1.0).";
const FALLBACK = "dates and timestamps are parsed with dateFormat/timestampFormat (or the ISO defaults) only, never with Spark 2's legacy parser.";
const LOCALE = "month and day names in date and timestamp patterns are English (Spark's default locale, en-US).";
const UNSAFE_ROW = "an option of Spark's internal row format.";
const JACKSON = "the json source reads strict JSON whatever this option says (Spark's defaults also accept single quotes and NaN/Infinity): a record that needs a relaxation is malformed and handled by `mode`.";

/** Options every file source takes from Spark's FileIndexOptions, FileSourceOptions and FileStreamOptions. */
const SOURCE_COMMON: Reasons = {
  basePath: "partition columns are discovered in key=value directories below `path` only: point `path` at the base directory (pathGlobFilter selects files by name).",
  ignoreInvalidPartitionPaths: "directories that are not key=value are never taken for partitions, so there is nothing invalid to ignore.",
  ignoreCorruptFiles: "a file that cannot be read fails the read (FAILED_READ_FILE); move it out of the path.",
  modifiedBefore: "every listed file is read whatever its modification time (select files by name with pathGlobFilter).",
  modifiedAfter: "every listed file is read whatever its modification time (select files by name with pathGlobFilter).",
  maxCachedFiles: "the directory is listed at every trigger; no listing is cached between batches.",
  discardCachedInputRatio: "the directory is listed at every trigger; no listing is cached between batches.",
};

const JSON_READ_NO_EFFECT: Reasons = {
  allowBackslashEscapingAnyCharacter: JACKSON,
  allowComments: JACKSON,
  allowNonNumericNumbers: JACKSON,
  allowNumericLeadingZeros: JACKSON,
  allowSingleQuotes: JACKSON,
  allowUnquotedControlChars: JACKSON,
  allowUnquotedFieldNames: JACKSON,
  compression: COMPRESSION_READ,
  dropFieldIfAllNull: "schema inference keeps a column that is null in every record (as STRING).",
  enableDateTimeParsingFallback: FALLBACK,
  inferTimestamp: "schema inference keeps timestamp-like strings as STRING (Spark's default, inferTimestamp=false).",
  locale: LOCALE,
  samplingRatio: SAMPLING,
  useUnsafeRow: UNSAFE_ROW,
  ignoreNullFields: WRITING,
  pretty: WRITING,
  writeNonAsciiCharacterAsCodePoint: WRITING,
};

const CSV_READ_NO_EFFECT: Reasons = {
  charToEscapeQuoteEscaping: "the CSV parser reads `escape` followed by `quote` as a quote; there is no separate escape for the escape character.",
  codec: COMPRESSION_READ,
  compression: COMPRESSION_READ,
  columnPruning: "a Spark parser optimisation: every column of the schema is parsed, with the same rows as a result.",
  enableDateTimeParsingFallback: FALLBACK,
  inputBufferSize: "each file is read whole.",
  locale: LOCALE,
  maxCharsPerColumn: "values are not limited in length.",
  maxColumns: "records are not limited in their number of columns.",
  preferDate: "schema inference types yyyy-MM-dd values as DATE (Spark's default, preferDate=true).",
  samplingRatio: SAMPLING,
  unescapedQuoteHandling: "a quote inside an unquoted value is kept as part of the value; Spark's other handlings are not available.",
  escapeQuotes: WRITING,
  extension: WRITING,
  quoteAll: WRITING,
};

const TEXT_READ_NO_EFFECT: Reasons = { compression: COMPRESSION_READ };

const PARQUET_READ_NO_EFFECT: Reasons = {
  compression: "when reading, each file says how it is compressed, as in Spark.",
  "parquet.compression": "when reading, each file says how it is compressed, as in Spark.",
  datetimeRebaseMode: "dates and timestamps are read as written, in the proleptic Gregorian calendar (Spark's CORRECTED); files with dates before 1582 from Spark 2 or Hive are not rebased.",
  int96RebaseMode: "INT96 timestamps are read as written, in the proleptic Gregorian calendar (Spark's CORRECTED); files from Spark 2 or Hive with timestamps before 1900 are not rebased.",
};

const VARIANT = { singleVariantColumn: "Sluice has no VARIANT type: give a schema (.schema(...)) instead." };

/**
 * Options Spark acts on for the other file formats only (mergeSchema on a json source, header on
 * parquet): Spark takes them and does nothing with them, so Sluice does too, and says so.
 */
function otherFormats(format: Format, declared: readonly string[]): Reasons {
  const mine = new Set([...(sparkOptions[format] as string[]), ...declared].map((n) => n.toLowerCase()));
  const owners = new Map<string, { name: string; formats: string[] }>();
  for (const other of FORMATS) {
    if (other === format) continue;
    for (const name of sparkOptions[other] as string[]) {
      if (mine.has(name.toLowerCase())) continue;
      const hit = owners.get(name.toLowerCase()) ?? { name, formats: [] };
      hit.formats.push(other);
      owners.set(name.toLowerCase(), hit);
    }
  }
  return Object.fromEntries([...owners.values()].map(({ name, formats }) => [
    name, `an option of Spark's ${formats.join(" and ")} format${formats.length > 1 ? "s" : ""}: no effect on ${format} files, as in Spark.`,
  ]));
}

interface Effects {
  noEffect: Reasons;
  unsupported: Reasons;
}

/**
 * What a plugin of `format` declares besides its options, given the option names it declares. A
 * name the plugin declares as an option is one it acts on, so it is left out of both lists: the
 * format can implement an option listed here without touching this file.
 */
function effects(format: Format, noEffect: Reasons, unsupported: Reasons): (declared: readonly string[]) => Effects {
  return (declared) => {
    const mine = new Set(declared.map((n) => n.toLowerCase()));
    const notDeclared = (r: Reasons): Reasons => Object.fromEntries(Object.entries(r).filter(([n]) => !mine.has(n.toLowerCase())));
    return {
      noEffect: { ...otherFormats(format, [...declared, ...Object.keys(noEffect), ...Object.keys(unsupported)]), ...notDeclared(noEffect) },
      unsupported: notDeclared(unsupported),
    };
  };
}

const SOURCE_EFFECTS: Record<string, (declared: readonly string[]) => Effects> = {
  json: effects("json", { ...SOURCE_COMMON, ...JSON_READ_NO_EFFECT }, VARIANT),
  csv: effects("csv", { ...SOURCE_COMMON, ...CSV_READ_NO_EFFECT }, VARIANT),
  text: effects("text", { ...SOURCE_COMMON, ...TEXT_READ_NO_EFFECT }, {}),
  parquet: effects("parquet", { ...SOURCE_COMMON, ...PARQUET_READ_NO_EFFECT }, {}),
};

/** The noEffectOptions and unsupportedOptions of the `format` source declaring `declared`. */
export function sourceEffects(format: string, declared: readonly string[]): Partial<Effects> {
  return SOURCE_EFFECTS[format]?.(declared) ?? {};
}

/** The noEffectOptions and unsupportedOptions of the `format` sink declaring `declared`. */
export function sinkEffects(format: string, declared: readonly string[]): Partial<Effects> {
  return SINK_EFFECTS[format]?.(declared) ?? {};
}

const readingOnly = (names: readonly string[]): Reasons => Object.fromEntries(names.map((n) => [n, READING]));

const SINK_EFFECTS: Record<string, (declared: readonly string[]) => Effects> = {
  json: effects("json", {
    ...readingOnly([
      "allowBackslashEscapingAnyCharacter", "allowComments", "allowNonNumericNumbers", "allowNumericLeadingZeros", "allowSingleQuotes",
      "allowUnquotedControlChars", "allowUnquotedFieldNames", "columnNameOfCorruptRecord", "dropFieldIfAllNull", "enableDateTimeParsingFallback",
      "inferTimestamp", "mode", "multiLine", "prefersDecimal", "primitivesAsString", "samplingRatio", "singleVariantColumn", "useUnsafeRow",
    ]),
    locale: LOCALE,
    pretty: "records are written one per line, without pretty-printing.",
    writeNonAsciiCharacterAsCodePoint: "characters beyond ASCII are written as UTF-8, not as \\uXXXX escapes.",
  }, {}),
  csv: effects("csv", {
    ...readingOnly([
      "columnNameOfCorruptRecord", "columnPruning", "comment", "enableDateTimeParsingFallback", "enforceSchema", "inferSchema", "inputBufferSize",
      "maxCharsPerColumn", "maxColumns", "mode", "multiLine", "nanValue", "negativeInf", "positiveInf", "preferDate", "samplingRatio",
      "singleVariantColumn", "unescapedQuoteHandling",
    ]),
    charToEscapeQuoteEscaping: "a quote inside a quoted value is escaped with `escape`; no separate escape is written for the escape character.",
    extension: "files are named .csv (with .gz when compressed).",
    locale: LOCALE,
  }, {}),
  text: effects("text", readingOnly(["wholetext"]), {}),
  parquet: effects("parquet", readingOnly(["datetimeRebaseMode", "int96RebaseMode", "mergeSchema"]), {}),
};
