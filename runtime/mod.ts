// What `import … from "sluice"` gives: the PySpark-shaped API.
export { SparkSession, SparkSessionBuilder } from "./api/session.ts";
// Remote mode: builder.remote("sc://…") / SPARK_REMOTE sessions run on a Spark Connect server.
export { ConnectSparkSession, ConnectDataFrame, ConnectStreamingQuery } from "./connect/client/mod.ts";
export { DataFrame } from "./api/data_frame.ts";
export { DeltaOptimizeBuilder, DeltaTable } from "./api/delta_table.ts";
export { Column, Window, WindowSpecBuilder } from "./api/column.ts";
export { functions } from "./api/functions.ts";
// `from pyspark.sql.functions import col, lit` and `from pyspark.sql.types import StructType`:
// every function and type is also exported by name.
export * from "./api/function_exports.ts";
export * as types from "./types/mod.ts";
export * from "./types/mod.ts";
export { StreamingQuery } from "./api/streaming_query.ts";
export { GroupState, GroupStateTimeout } from "./api/group_state.ts";
export type { FlatMapGroupsWithStateFunction, MapGroupsWithStateFunction, UserRow } from "./api/grouped_data.ts";
export type { StreamingQueryListener } from "./api/streaming_query_manager.ts";
export type { Row } from "./api/row.ts";
export { SluiceError } from "./errors.ts";
export { defineSink, defineSource } from "./plugin/contract.ts";
export type {
  BatchWriter, ChunkLimit, Clock, Offset, OutputMode, ReadLimit, SinkContext, SinkDefinition, SinkWriter, SourceContext, SourceDefinition,
  SourceFilter, SourceReader,
} from "./plugin/contract.ts";
