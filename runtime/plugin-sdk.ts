// What `import … from "sluice/plugin-sdk"` gives: the engine pieces a source or sink is built from,
// the same ones the built-in plugins use (they import nothing else from the engine). "sluice" is the
// PySpark-shaped API; this is the toolbox under it.
//
// It must not import the session or the built-in plugin list: built-in plugins import this module
// while the engine is still loading them, so anything here that reached runtime/plugin/builtins.ts
// would be an import cycle (a plugin would see an unfinished module).

// The contract and its helpers.
export { defineSink, defineSource } from "./plugin/contract.ts";
export type {
  BatchWriter, ChunkLimit, Clock, Logger, Offset, OptionsSchema, OutputMode, PluginDefinition, PluginExample, ReadLimit, RealTimeChunk, Row,
  SaveContext, SaveMode, SaveWriter, SchemaInfo, SinkContext, SinkDefinition, SinkWriter, SourceContext, SourceDefinition, SourceFilter,
  SourceReader,
} from "./plugin/contract.ts";
// The engine's chunk bound: how many rows a source hands over at a time unless asked otherwise.
export { CHUNK_MAX_ROWS, chunksOf } from "./exec/chunks.ts";
export { definitionProblems } from "./plugin/check_definition.ts";
export { checkOptions, compileOptionsSchema, formatProblem, optionsError, validateOptions } from "./plugin/validate_options.ts";
export type { CheckedOptions, CompiledOptions, OptionProblem, ValidateOptionsSettings } from "./plugin/validate_options.ts";
export { checkOutputMode } from "./plugin/output_mode.ts";
// Spark's time strings ("5s", "100ms", "7d").
export { isTimeString, TIME_STRING_HELP, timeStringAs, timeStringAsMs, timeStringAsSec } from "./plugin/time_string.ts";
export type { TimeUnit } from "./plugin/time_string.ts";

// Errors: Spark's error classes, whose fault it was, a hint.
export { externalError, internalError, quoteIdent, SluiceError, suggest, userError } from "./errors.ts";
export type { ErrorKind, SluiceErrorOptions } from "./errors.ts";

// Data types and the engine's value representation (see types/data_type.ts), and DDL.
export {
  ArrayType, BINARY, BinaryType, BOOLEAN, BooleanType, BYTE, ByteType, CALENDAR_INTERVAL, CalendarIntervalType, DATE, DateType,
  DAYTIME_INTERVAL, DayTimeIntervalType, DecimalType, DOUBLE, DoubleType, DT_FIELDS, YM_FIELDS, FLOAT, FloatType, INT, IntegerType, isAtomic, isDatetime,
  isFractional, isIntegral, isInterval, isNumeric, LONG, LongType, MapType, NULL, NullType, parseTypeName, SHORT, ShortType, STRING,
  StringType, StructField, StructType, TIMESTAMP, TIMESTAMP_NTZ, TimestampNTZType, TimestampType, YearMonthIntervalType,
} from "./types/data_type.ts";
export type { DataType, DataTypeKind } from "./types/data_type.ts";
// Exact longs: a number while a safe integer, a bigint beyond (types/long.ts); build them only with these.
export {
  fitsLong, isCanonicalLong, LONG_MAX, LONG_MIN, longFromBigInt, longFromDigits, longFromIntegralDouble, longToBigInt, longToDouble,
  longToFloat, MAX_SAFE_LONG, toCanonicalLong, wrapLong,
} from "./types/long.ts";
export type { Long } from "./types/long.ts";
export { parseDataType, parseDDL, parseSchemaDDL } from "./types/ddl.ts";

// Casts (Spark's string forms of values, string to value) and Java's number formatting.
export { canCast, castFunction, castToString, parseJavaBigDecimal } from "./expr/cast.ts";
export { javaDoubleToString, javaFloatToString } from "./expr/java_format.ts";

// Rows: the engine's arrays to the objects users see; tables as show() prints them.
export { formatDecimal, toPublicRow, toPublicValue } from "./api/row.ts";
export type { Row as PublicRow } from "./api/row.ts";
export { showString } from "./api/show_string.ts";

// Dates, times and time zones: Spark's datetime patterns and string forms.
export { compileDatetimePattern, DEFAULT_TIMESTAMP_FORMAT, DatetimePattern, DateTimeParseError } from "./expr/datetime/datetime_pattern.ts";
export { getTimeZone, TimeZone, tryGetTimeZone, UTC_ZONE } from "./expr/datetime/time_zone.ts";
export { dateToString, timestampNTZToString, timestampToString } from "./expr/datetime/timestamp_to_string.ts";
export { stringToDate } from "./expr/datetime/string_to_date.ts";
export { stringToTimestamp, stringToTimestampWithoutTimeZone } from "./expr/datetime/string_to_timestamp.ts";
export { fastTimestamp } from "./expr/datetime/fast_timestamp.ts";
export {
  daysFromCivil, daysInMonth, civilFromDays, floorDiv, floorMod, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MILLI, MICROS_PER_MINUTE,
  MICROS_PER_SECOND, SECONDS_PER_DAY,
} from "./expr/datetime/civil_date.ts";

// JSON text as Spark's JSON functions read it (numbers kept as written), and MIME base64.
export { parseJson, quoteJson, writeJson } from "./expr/functions/json_value.ts";
export type { JsonNode } from "./expr/functions/json_value.ts";
export { decodeMimeBase64 } from "./expr/functions/unbase64.ts";
// JSON records as Spark's JacksonParser reads them under Spark's options (runtime/json).
export { jsonFeatures, SPARK_JSON_FEATURES } from "./json/json_features.ts";
export type { JsonFeatures } from "./json/json_features.ts";
export { decodeLikeJackson } from "./json/jackson_utf8.ts";
export { JsonCursor, JsonKind } from "./json/json_cursor.ts";
export { decimalFromText, recordReader, valueReader } from "./json/json_row_reader.ts";
export { fastRecordReader } from "./json/json_fast_reader.ts";
export type { JsonConvertOptions, RecordResult, ValueResult } from "./json/json_row_reader.ts";
export { canonicalize, compatibleType, inferValue, recordType } from "./json/json_infer.ts";
export type { InferOptions } from "./json/json_infer.ts";

// Files: write-then-rename, so a crash leaves the old file or the new one.
export { writeFileAtomic } from "./checkpoint/atomic_write.ts";
