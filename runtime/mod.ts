// What `import … from "sluice"` gives: the PySpark-shaped API.
export { SparkSession, SparkSessionBuilder } from "./api/session.ts";
export { DataFrame } from "./api/data_frame.ts";
export { Column, Window, WindowSpecBuilder } from "./api/column.ts";
export { functions } from "./api/functions.ts";
export * as types from "./types/mod.ts";
export type { DataType } from "./types/data_type.ts";
export { StreamingQuery } from "./api/streaming_query.ts";
export type { StreamingQueryListener } from "./api/streaming_query_manager.ts";
export type { Row } from "./api/row.ts";
export { SluiceError } from "./errors.ts";
export { defineSink, defineSource } from "./plugin/contract.ts";
export type {
  BatchWriter, ChunkLimit, Clock, Offset, OutputMode, ReadLimit, SinkContext, SinkDefinition, SinkWriter, SourceContext, SourceDefinition,
  SourceFilter, SourceReader,
} from "./plugin/contract.ts";
