// The plugins compiled into the binary, and the one place the engine imports plugins from. They are
// imported statically (so `bun build --compile` bundles them) and registered through the same path
// as user plugins. To add one, import it from its connector folder's mod.ts and add it to the list.
// This list is the only process-wide plugin state: each session registers these into its own registry.
import type { PluginDefinition } from "./contract.ts";
import { BUILTIN_ORIGIN, type PluginRegistry } from "./registry.ts";
import { withAppendSave } from "./append_save.ts";
import rate from "../../plugins/rate/mod.ts";
import rateMicroBatch from "../../plugins/rate-micro-batch/mod.ts";
import socket from "../../plugins/socket/mod.ts";
import consoleSink from "../../plugins/console/mod.ts";
import memorySink from "../../plugins/memory/mod.ts";
import noopSink from "../../plugins/noop/mod.ts";
import {
  csvSink, csvSource, jsonSink, jsonSource, parquetSink, parquetSource, textSink, textSource,
} from "../../plugins/files/mod.ts";
import { kafkaSink, kafkaSource } from "../../plugins/kafka/mod.ts";
import postgresSink, { jdbcSink } from "../../plugins/postgres/mod.ts";
import { deltaSink, deltaSource } from "../../plugins/delta/mod.ts";
// The state readers read the engine's own checkpoint format, so they live with the state store.
import { stateMetadataSource, stateStoreSource } from "../state/state_data_source.ts";

// foreachBatch and foreach take functions, not options, so they are not in the list: DataStreamWriter
// creates them directly (as Spark's does), through here.
export { foreachBatchSink, foreachSink, type ForeachWriter } from "../../plugins/foreach-batch/mod.ts";

// The file connector's encoders and partition paths, which the session catalog also writes tables
// with (CREATE TABLE … USING parquet|json|csv|text): one writer per format for streams and tables.
export { csvEncoder, type CsvWriteOptions } from "../../plugins/formats/csv_encoder.ts";
export type { EncodeContext, FileEncoder } from "../../plugins/formats/encoder.ts";
export { jsonEncoder, type JsonWriteOptions } from "../../plugins/formats/json_encoder.ts";
export { type ParquetCodec, parquetEncoder, parquetExtension } from "../../plugins/formats/parquet_encoder.ts";
export { textEncoder } from "../../plugins/formats/text_encoder.ts";
export { DEFAULT_PARTITION_NAME, escapePathName } from "../../plugins/formats/partitioning.ts";

// Delta table maintenance, for the DeltaTable API and `sluice delta`.
export {
  deltaTableHistory, type DeltaMaintenanceContext, type DeltaOptimizeMetrics, isDeltaTablePath, optimizeDeltaTable, requireDeltaTable,
  vacuumDeltaTable,
} from "../../plugins/delta/mod.ts";

export const BUILTIN_PLUGINS: readonly PluginDefinition[] = [
  rate,
  rateMicroBatch,
  socket,
  consoleSink,
  memorySink,
  noopSink,
  jsonSource,
  csvSource,
  textSource,
  parquetSource,
  jsonSink,
  csvSink,
  textSink,
  parquetSink,
  kafkaSource,
  postgresSink,
  jdbcSink,
  // df.write.format("kafka"): Spark's Kafka batch write (Append / ErrorIfExists).
  withAppendSave(kafkaSink, "Kafka"),
  deltaSource,
  deltaSink,
  stateStoreSource,
  stateMetadataSource,
];

export function registerBuiltins(registry: PluginRegistry): void {
  for (const definition of BUILTIN_PLUGINS) registry.register(definition, BUILTIN_ORIGIN);
}
