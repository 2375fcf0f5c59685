// The file sources' errors, in Spark's words (common/utils/.../error-conditions.json).
import { externalError, SluiceError, userError, type DataType } from "sluice/plugin-sdk";
import { qualifiedPath, toFileUri } from "./spark_path.ts";

/** Spark's message when readStream gets no schema for a format that needs one. */
export const STREAMING_SCHEMA_REQUIRED =
  "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.";

export function streamingSchemaRequired(): SluiceError {
  // Spark raises it as IllegalArgumentException with this legacy class (PySpark 4.1.1).
  return userError("_LEGACY_ERROR_TEMP_2048", STREAMING_SCHEMA_REQUIRED, {
    hint: "Pass the schema with .schema(\"name TYPE, …\"), or set spark.sql.streaming.schemaInference to true.",
  });
}

/** Batch reads name the path as Hadoop qualifies it (file:/…); streaming reads as given. */
export function pathNotFound(path: string, streaming: boolean): SluiceError {
  return userError("PATH_NOT_FOUND", `Path does not exist: ${streaming ? path : qualifiedPath(path)}.`, { sqlState: "42K03" });
}

export function unableToInferSchema(format: string): SluiceError {
  return userError("UNABLE_TO_INFER_SCHEMA", `Unable to infer schema for ${format}. It must be specified manually.`, { sqlState: "42KD9" });
}

/** A file could not be read; `cause` says why (a parse failure, a permission problem, …). */
export function failedReadFile(path: string, cause: unknown, hint?: string): SluiceError {
  return externalError("FAILED_READ_FILE.NO_HINT", `Encountered error while reading file ${toFileUri(path)}. `, {
    sqlState: "KD001",
    cause,
    hint: hint ?? (cause instanceof Error ? cause.message : String(cause)),
  });
}

/** The file was listed (or logged) but is gone when it is read. */
export function fileNotExist(path: string, cause?: unknown): SluiceError {
  return externalError(
    "FAILED_READ_FILE.FILE_NOT_EXIST",
    `Encountered error while reading file ${toFileUri(path)}. File does not exist. It is possible the underlying files have been updated.\nYou can explicitly invalidate the cache in Spark by running 'REFRESH TABLE tableName' command in SQL or by recreating the Dataset/DataFrame involved.`,
    { sqlState: "KD001", cause, hint: "A file the source had listed was deleted or moved before it was read." },
  );
}

export function cannotReadFooter(path: string, cause: unknown): SluiceError {
  return externalError(
    "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER",
    `Encountered error while reading file ${toFileUri(path)}. Could not read footer. Please ensure that the file is in either ORC or Parquet format.\nIf not, please convert it to a valid format. If the file is in the valid format, please check if it is corrupt.\nIf it is, you can choose to either ignore it or fix the corruption.`,
    { sqlState: "KD001", cause, hint: cause instanceof Error ? cause.message : undefined },
  );
}

/** Turns an error from the file system into Spark's read error for `path`. */
export function readError(path: string, e: unknown): SluiceError {
  if (e instanceof SluiceError && e.code.startsWith("FAILED_READ_FILE")) return e;
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") return fileNotExist(path, e);
  if (code === "EACCES" || code === "EPERM") {
    return failedReadFile(path, e, `Permission denied: the file cannot be read by this process (${code}).`);
  }
  if (code === "EISDIR") return failedReadFile(path, e, "The path is a directory, not a file.");
  return failedReadFile(path, e);
}

/** FAILFAST: the record that did not parse, with where it was. */
export function malformedRecord(badRecord: string, where: string): SluiceError {
  return userError(
    "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
    `Malformed records are detected in record parsing: ${badRecord}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. `,
    { sqlState: "22023", hint: where },
  );
}

export function invalidCorruptRecordType(name: string, type: DataType): SluiceError {
  return userError(
    "INVALID_CORRUPT_RECORD_TYPE",
    `The column \`${name}\` for corrupt records must have the nullable STRING type, but got "${type.sql()}".`,
    { sqlState: "42804" },
  );
}

export function unsupportedDataType(format: string, column: string, type: DataType): SluiceError {
  return userError(
    "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
    `The ${format} datasource doesn't support the column \`${column}\` of the type "${type.sql()}".`,
    { sqlState: "0A000" },
  );
}
