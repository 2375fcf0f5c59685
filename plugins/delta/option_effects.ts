// delta-spark's DeltaOptions (validOptionKeys, Delta 4.0) that Sluice's Delta source and sink do
// not implement: those without an effect are accepted with a warning (noEffectOptions), those
// whose absence would change what is written or read are refused with why (unsupportedOptions).
// The engine takes path, checkpointLocation and queryName itself.

const SELECTIVE_OVERWRITE = "overwriting only part of a table is not implemented in Sluice (it would overwrite the whole table): filter, then overwrite, or append";
const CDF = "Delta's change data feed is not implemented in Sluice: stream the table's commits with readStream.format(\"delta\")";
const SCHEMA_TRACKING = "schema tracking serves column-mapping tables, which Sluice refuses to read (naming the feature), so there is nothing to track";

/** What the sink (writeStream and df.write) accepts without an effect. */
export const SINK_NO_EFFECT: Readonly<Record<string, string>> = {
  optimizeWrite: "Sluice writes a batch's rows from one process, one file per partition directory (at most maxRecordsPerFile rows): there is no shuffle to optimize",
  compression: "data files are Parquet with snappy compression, delta-spark's default",
  writePartitionColumns: "partition columns are kept in the log's partitionValues only, as delta-spark's default",
};

/** What the sink refuses. */
export const SINK_UNSUPPORTED: Readonly<Record<string, string>> = {
  replaceWhere: SELECTIVE_OVERWRITE,
  replaceOn: SELECTIVE_OVERWRITE,
  replaceUsing: SELECTIVE_OVERWRITE,
  targetAlias: SELECTIVE_OVERWRITE,
  useNullIntolerantEqualityWithDPO: SELECTIVE_OVERWRITE,
  partitionOverwriteMode: "dynamic partition overwrite is not implemented in Sluice; overwrite replaces the whole table (static mode)",
  dataChange: "every Sluice commit changes data (dataChange=true); rearranging files is OPTIMIZE's job (DeltaTable.optimize())",
  txnAppId: "idempotent df.write through txnAppId/txnVersion is not implemented in Sluice (writeStream is exactly once through its own txn action)",
  txnVersion: "idempotent df.write through txnAppId/txnVersion is not implemented in Sluice (writeStream is exactly once through its own txn action)",
};

/** What the source (readStream and read) accepts without an effect. */
export const SOURCE_NO_EFFECT: Readonly<Record<string, string>> = {
  schemaTrackingLocation: SCHEMA_TRACKING,
  schemaLocation: SCHEMA_TRACKING,
  streamingSourceTrackingId: SCHEMA_TRACKING,
  allowSourceColumnRename: SCHEMA_TRACKING,
  allowSourceColumnDrop: SCHEMA_TRACKING,
  allowSourceColumnTypeChange: SCHEMA_TRACKING,
};

/** What the source refuses. */
export const SOURCE_UNSUPPORTED: Readonly<Record<string, string>> = {
  readChangeFeed: CDF,
  readChangeData: CDF,
  endingVersion: CDF,
  endingTimestamp: CDF,
  excludeRegex: "excluding data files by a regular expression is not implemented in Sluice (every file of a commit is read)",
  ignoreFileDeletion: "deprecated by Delta and not implemented in Sluice: use ignoreDeletes",
};
