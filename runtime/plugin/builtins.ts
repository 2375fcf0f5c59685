// The plugins compiled into the binary, and the one place the engine imports plugins from. They are
// imported statically (so `bun build --compile` bundles them) and registered through the same path
// as user plugins. To add one, import it from its connector folder's mod.ts and add it to the list.
// This list is the only process-wide plugin state: each session registers these into its own registry.
import type { PluginDefinition } from "./contract.ts";
import { BUILTIN_ORIGIN, type PluginRegistry } from "./registry.ts";
import rate from "../../plugins/rate/mod.ts";
import rateMicroBatch from "../../plugins/rate-micro-batch/mod.ts";
import socket from "../../plugins/socket/mod.ts";
import consoleSink from "../../plugins/console/mod.ts";
import memorySink from "../../plugins/memory/mod.ts";
import {
  csvSink, csvSource, jsonSink, jsonSource, parquetSink, parquetSource, textSink, textSource,
} from "../../plugins/files/mod.ts";
import { kafkaSink, kafkaSource } from "../../plugins/kafka/mod.ts";
import postgresSink from "../../plugins/postgres/mod.ts";

// foreachBatch and foreach take functions, not options, so they are not in the list: DataStreamWriter
// creates them directly (as Spark's does), through here.
export { foreachBatchSink, foreachSink, type ForeachWriter } from "../../plugins/foreach-batch/mod.ts";

export const BUILTIN_PLUGINS: readonly PluginDefinition[] = [
  rate,
  rateMicroBatch,
  socket,
  consoleSink,
  memorySink,
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
  kafkaSink,
];

export function registerBuiltins(registry: PluginRegistry): void {
  for (const definition of BUILTIN_PLUGINS) registry.register(definition, BUILTIN_ORIGIN);
}
