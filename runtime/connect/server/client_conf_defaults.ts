// Settings PySpark's Connect client reads from the server before it builds plans (createDataFrame,
// Arrow conversions, error display) and parses as ints or booleans: a Spark server answers its
// SQLConf defaults, so Sluice's server answers these unless the session set them. Local relations
// always stay inline in the plan (the cache threshold is beyond any message): Sluice's server takes
// no artifacts.
export const CLIENT_CONF_DEFAULTS: Readonly<Record<string, string>> = {
  "spark.sql.timestampType": "TIMESTAMP_LTZ",
  "spark.sql.session.localRelationCacheThreshold": String(2 ** 40),
  "spark.sql.session.localRelationChunkSizeRows": "10000",
  "spark.sql.session.localRelationChunkSizeBytes": String(16 * 1024 * 1024),
  "spark.sql.session.localRelationBatchOfChunksSizeBytes": String(128 * 1024 * 1024),
  "spark.sql.execution.arrow.useLargeVarTypes": "false",
  "spark.sql.execution.arrow.maxRecordsPerBatch": "10000",
  "spark.sql.execution.arrow.pyspark.selfDestruct.enabled": "false",
  "spark.sql.execution.pandas.convertToArrowArraySafely": "false",
  "spark.sql.execution.pandas.inferPandasDictAsMap": "false",
  "spark.sql.execution.pandas.structHandlingMode": "legacy",
  "spark.sql.execution.pyspark.binaryAsBytes": "true",
  "spark.sql.pyspark.inferNestedDictAsStruct.enabled": "false",
  "spark.sql.pyspark.legacy.inferArrayTypeFromFirstElement.enabled": "false",
  "spark.sql.pyspark.legacy.inferMapTypeFromFirstPair.enabled": "false",
  "spark.sql.pyspark.jvmStacktrace.enabled": "false",
  "spark.sql.connect.serverStacktrace.enabled": "false",
  "spark.sql.repl.eagerEval.enabled": "false",
  "spark.sql.repl.eagerEval.maxNumRows": "20",
  "spark.sql.repl.eagerEval.truncate": "20",
  "spark.sql.artifact.isolation.enabled": "false",
  "spark.sql.artifact.isolation.alwaysApplyClassloader": "false",
  // -1: the client never compresses plans (Sluice's server reads them as sent).
  "spark.connect.session.planCompression.threshold": "-1",
};
