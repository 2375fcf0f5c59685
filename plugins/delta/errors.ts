// Delta Lake's errors, with delta-spark's error classes, SQL states and wording
// (spark/src/main/resources/error/delta-error-classes.json in delta-io/delta), so a message reads
// as it does in Spark with Delta.
import { externalError, SluiceError, userError, type StructType } from "sluice/plugin-sdk";

/** The Delta Lake release whose behaviour and messages these follow (named in feature errors). */
export const DELTA_VERSION = "4.1.0";

const user = (code: string, sqlState: string, message: string, hint?: string) => userError(code, message, { sqlState, hint });

export const notADeltaTable = (path: string) =>
  user("DELTA_MISSING_DELTA_TABLE", "42P01", `${path} is not a Delta table.`, "The directory has no _delta_log with commits: write to it with format(\"delta\") first, or check the path.");

export const pathExists = (path: string) =>
  user("DELTA_PATH_EXISTS", "42K04", `Cannot write to already existent path ${path} without setting OVERWRITE = 'true'.`, 'Use .mode("append") or .mode("overwrite").');

export const nonDeltaPathExists = (path: string) =>
  userError("PATH_ALREADY_EXISTS", `Path file:${path} already exists. Set mode as "overwrite" to overwrite the existing path.`, { sqlState: "42K04" });

export const unsupportedReadFeatures = (path: string, features: readonly string[]) =>
  user("DELTA_UNSUPPORTED_FEATURES_FOR_READ", "56038",
    `Unsupported Delta read feature: table "${path}" requires reader table feature(s) that are unsupported by Delta Lake "${DELTA_VERSION}": ${features.join(", ")}.`,
    "Sluice reads tables without these features; rewrite the table without them (for example with delta-spark), or read it with Spark.");

export const unsupportedWriteFeatures = (path: string, features: readonly string[]) =>
  user("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE", "56038",
    `Unsupported Delta write feature: table "${path}" requires writer table feature(s) that are unsupported by Delta Lake "${DELTA_VERSION}": ${features.join(", ")}.`,
    "Sluice writes tables without these features; write to another table, or with Spark.");

export const invalidProtocolVersion = (path: string, reader: number, writer: number, readers: string, writers: string) =>
  user("DELTA_INVALID_PROTOCOL_VERSION", "KD004",
    `Unsupported Delta protocol version: table "${path}" requires reader version ${reader} and writer version ${writer}, but Delta Lake "${DELTA_VERSION}" supports reader versions ${readers} and writer versions ${writers}. Please upgrade to a newer release.`);

export const partitioningMismatch = (given: readonly string[], table: readonly string[]) =>
  user("DELTA_METADATA_MISMATCH.PARTITIONING_MISMATCH", "42KDG",
    `A metadata mismatch was detected when writing to the Delta table.\nPartition columns do not match the partition columns of the table.\nGiven: [${given.join(", ")}]\nTable: [${table.join(", ")}]\n` +
      `To overwrite your schema or change partitioning, please set: '.option("overwriteSchema", "true")'.\nNote that the schema can't be overwritten when using 'replaceWhere'.`);

export const schemaMismatch = (tableId: string, table: StructType, data: StructType) =>
  user("DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH", "42KDG",
    `A metadata mismatch was detected when writing to the Delta table.\nA schema mismatch detected when writing to the Delta table (Table ID: ${tableId}).\n` +
      `To enable schema migration using DataFrameWriter or DataStreamWriter, please set: '.option("mergeSchema", "true")'.\n` +
      `For other operations, set the session configuration spark.databricks.delta.schema.autoMerge.enabled to "true". See the documentation specific to the operation for details.\n\n` +
      `Table schema:\n${table.treeString()}\n\nData schema:\n${data.treeString()}\n`);

export const failedToMergeFields = (current: string, update: string, cause?: SluiceError) =>
  userError("DELTA_FAILED_TO_MERGE_FIELDS", `Failed to merge fields '${current}' and '${update}'`, { sqlState: "22005", cause });

export const incompatibleTypes = (current: string, update: string) =>
  user("DELTA_MERGE_INCOMPATIBLE_DATATYPE", "42K09", `Failed to merge incompatible data types ${current} and ${update}`);

export const invalidColumnNames = (names: readonly string[]) =>
  user("DELTA_INVALID_CHARACTERS_IN_COLUMN_NAMES", "42K05",
    `Found invalid character(s) among ' ,;{}()\\n\\t=' in the column names of your schema.\nInvalid column names: ${names.join(", ")}.\nPlease use other characters and try again.\nAlternatively, enable Column Mapping to keep using these characters.`);

export const duplicateColumns = (names: readonly string[]) =>
  user("DELTA_DUPLICATE_COLUMNS_FOUND", "42711", `Found duplicate column(s): ${names.join(", ")}.`);

export const nullTypeColumn = (name: string, type: string) =>
  user("DELTA_COMPLEX_TYPE_COLUMN_CONTAINS_NULL_TYPE", "22005",
    `Found nested NullType in column ${name} which is of ${type}. Delta doesn't support writing NullType in complex types.`);

export const nullTypeInStream = () =>
  user("DELTA_NULL_SCHEMA_IN_STREAMING_WRITE", "42P18",
    "Delta doesn't accept NullTypes in the schema for streaming writes.", "Cast the void column to a type, e.g. lit(null).cast(\"string\").");

export const emptyData = () =>
  user("DELTA_EMPTY_DATA", "428GU", "Data used in creating the Delta table doesn't have any columns.");

export const partitionColumnNotFound = (name: string, schema: StructType) =>
  user("DELTA_PARTITION_COLUMN_NOT_FOUND", "42703",
    `Partition column ${name} not found in schema [${schema.fields.map((f) => `${f.name}: ${f.dataType.simpleString()}`).join(", ")}]`);

export const versionsNotContiguous = (versions: readonly number[], start: number, end: number, toLoad: number) =>
  externalError("DELTA_VERSIONS_NOT_CONTIGUOUS",
    `Versions (${versions.join(", ")}) are not contiguous. A gap in the delta log between versions ${start} and ${end} was detected while trying to load version ${toLoad}.`,
    { sqlState: "KD00C", hint: "A commit file of _delta_log is missing: the table was damaged by hand or by a failed copy." });

export const stateRecoverError = (what: string, version: number) =>
  externalError("DELTA_STATE_RECOVER_ERROR",
    `The ${what} of your Delta table could not be recovered while Reconstructing version: ${version}. Did you manually delete files in the _delta_log directory?`,
    { sqlState: "XXKDS" });

export const versionNotFound = (version: number, earliest: number, latest: number) =>
  user("DELTA_VERSION_NOT_FOUND", "22003", `Cannot time travel Delta table to version ${version}. Available versions: [${earliest}, ${latest}].`);

export const timestampAfterLatest = (given: string, latest: string) =>
  user("DELTA_TIMESTAMP_GREATER_THAN_COMMIT", "42816",
    `Timestamp ${given} is after the table's latest version (${latest}). Use a timestamp at or before ${latest}.`);

export const timestampBeforeEarliest = (given: string, earliest: string) =>
  user("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION", "42816",
    `The provided timestamp (${given}) is before the earliest version available to this table (${earliest}). Please use a timestamp after ${earliest}.`);

export const timestampInvalid = (text: string) =>
  user("DELTA_TIMESTAMP_INVALID", "42816", `The provided timestamp (${text}) cannot be converted to a valid timestamp.`);

export const timeTravelBothSet = () =>
  user("DELTA_UNSUPPORTED_TIME_TRAVEL_MULTIPLE_FORMATS", "42613", "Cannot specify time travel in multiple formats.");

export const startingVersionAndTimestamp = () =>
  user("DELTA_STARTING_VERSION_AND_TIMESTAMP_BOTH_SET", "42613", "Please either provide 'startingVersion' or 'startingTimestamp'");

export const illegalOption = (name: string, input: string, explain: string) =>
  user("DELTA_ILLEGAL_OPTION", "42616", `Invalid value '${input}' for option '${name}', ${explain}`);

export const sourceIgnoreDelete = (removed: string, version: number, path: string) =>
  user("DELTA_SOURCE_IGNORE_DELETE", "0A000",
    `Detected deleted data (for example ${removed}) from streaming source at version ${version}. This is currently not supported. If you'd like to ignore deletes, set the option 'ignoreDeletes' to 'true'. The source table can be found at path ${path}.`);

export const sourceIgnoreChanges = (change: string, version: number, path: string) =>
  user("DELTA_SOURCE_TABLE_IGNORE_CHANGES", "0A000",
    `Detected a data update (for example ${change}) in the source table at version ${version}. This is currently not supported. If this is going to happen regularly and you are okay to skip changes, set the option 'skipChangeCommits' to 'true'. If you would like the data update to be reflected, please restart this query with a fresh checkpoint directory. The source table can be found at path ${path}.`);

export const differentTableRead = (newId: string, oldId: string) =>
  user("DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE", "55019",
    `The streaming query was reading from an unexpected Delta table (id = '${newId}'). It used to read from another Delta table (id = '${oldId}') according to checkpoint. This may happen when you changed the code to read from a new table or you deleted and re-created a table. Please revert your change or delete your streaming query checkpoint to restart from scratch.`);

export const schemaChanged = (read: StructType, data: StructType, version: number) =>
  user("DELTA_SCHEMA_CHANGED_WITH_VERSION", "KD007",
    `Detected schema change in version ${version}:\nstreaming source schema: ${read.treeString()}\n\ndata file schema: ${data.treeString()}\n\n` +
      "Please try restarting the query. If this issue repeats across query restarts without\nmaking progress, you have made an incompatible schema change and need to start your\nquery from scratch using a new checkpoint directory.\n");

export const logFileMissingForStream = (version: number, earliest: number) =>
  user("DELTA_MISSING_FILES_UNEXPECTED_VERSION", "42K03",
    `Delta stream cannot resume from version ${version}; transaction log starts at ${earliest}. Log files may have been deleted by log retention. Restart the stream with a new checkpoint location and consider increasing delta.logRetentionDuration. To skip missing data instead, set .option("failOnDataLoss", "false").`);

export const vacuumRetentionTooShort = (hours: number) =>
  user("DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT", "22003",
    `The specified VACUUM retention period is too low and may corrupt this Delta table if any writes are in progress.\n\nIf no operations (insert, upsert, delete, optimize) are running, you can disable this safety check by setting:\nspark.databricks.delta.retentionDurationCheck.enabled = false\n\nOtherwise, use a retention period of at least ${hours} hours.`);

export const vacuumRetentionNegative = () =>
  user("DELTA_VACUUM_RETENTION_PERIOD_NEGATIVE", "22003", "Retention period for Vacuum can't be less than 0 hours.");

export const appendOnly = () =>
  user("DELTA_CANNOT_MODIFY_APPEND_ONLY", "42809",
    "This table is configured to only allow appends. If you would like to permit updates or deletes, use 'ALTER TABLE <table_name> SET TBLPROPERTIES (delta.appendOnly=false)'.");

const CONCURRENCY_DOC = "https://docs.delta.io/latest/concurrency-control.html";

export const concurrentAppend = (operation: string, path: string, version: number) =>
  externalError("DELTA_CONCURRENT_APPEND.WITHOUT_HINT",
    `Transaction conflict detected. a concurrent ${operation} added data to table delta.\`${path}\` committed at version ${version}. The concurrent operation modified data that should have been read by this operation. Please retry the operation. Refer to ${CONCURRENCY_DOC} for more information.`,
    { sqlState: "2D521" });

export const concurrentDeleteRead = (operation: string, path: string, version: number) =>
  externalError("DELTA_CONCURRENT_DELETE_READ.WITHOUT_HINT",
    `Transaction conflict detected, a concurrent ${operation} deleted data from table delta.\`${path}\` (committed at version ${version}) that this transaction read. The concurrent operation deleted data that was read by this operation. Please retry the operation. Refer to ${CONCURRENCY_DOC} for more information.`,
    { sqlState: "2D521" });

export const concurrentTransaction = (conflict: string) =>
  externalError("DELTA_CONCURRENT_TRANSACTION",
    `ConcurrentTransactionException: This error occurs when multiple streaming queries are using the same checkpoint to write into this table. Did you run multiple instances of the same streaming query at the same time?${conflict}\nRefer to ${CONCURRENCY_DOC} for more details.`,
    { sqlState: "2D521" });

export const metadataChanged = (path: string, conflict: string) =>
  externalError("DELTA_METADATA_CHANGED",
    `MetadataChangedException: The metadata of the Delta table delta.\`${path}\` has been changed by a concurrent update. Please try the operation again.${conflict}\nRefer to ${CONCURRENCY_DOC} for more details.`,
    { sqlState: "2D521" });

export const protocolChanged = (info: string, conflict: string) =>
  externalError("DELTA_PROTOCOL_CHANGED",
    `ProtocolChangedException: The protocol version of the Delta table has been changed by a concurrent update. ${info}${conflict}\nRefer to ${CONCURRENCY_DOC} for more details.`,
    { sqlState: "2D521" });

export const tooManyCommitAttempts = (path: string, attempts: number) =>
  externalError("DELTA_COMMIT_RETRIES_EXHAUSTED", `Could not commit to the Delta table at ${path}: ${attempts} attempts each found the next version taken by another writer.`,
    { hint: "Many writers commit to this table at once; retry the operation later." });

export const fileSystemError = (what: string, path: string, cause: unknown) =>
  externalError("DELTA_IO_ERROR", `Could not ${what} ${path}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
