// The plugins compiled into the binary. They are imported statically (so `bun build --compile`
// bundles them) and registered through the same path as user plugins. To add one, import it and
// add it to the list.
import type { PluginDefinition } from "./contract.ts";
import { BUILTIN_ORIGIN, type PluginRegistry } from "./registry.ts";
import rate from "../../plugins/sources/rate/mod.ts";
import rateMicroBatch from "../../plugins/sources/rate-micro-batch/mod.ts";
import socket from "../../plugins/sources/socket/mod.ts";
import consoleSink from "../../plugins/sinks/console/mod.ts";
import memorySink from "../../plugins/sinks/memory/mod.ts";
import jsonSource from "../../plugins/sources/json/mod.ts";
import csvSource from "../../plugins/sources/csv/mod.ts";
import textSource from "../../plugins/sources/text/mod.ts";
import parquetSource from "../../plugins/sources/parquet/mod.ts";
import jsonSink from "../../plugins/sinks/json/mod.ts";
import csvSink from "../../plugins/sinks/csv/mod.ts";
import textSink from "../../plugins/sinks/text/mod.ts";
import parquetSink from "../../plugins/sinks/parquet/mod.ts";
import kafkaSource from "../../plugins/sources/kafka/mod.ts";
import postgresSink from "../../plugins/sinks/postgres/mod.ts";
import kafkaSink from "../../plugins/sinks/kafka/mod.ts";

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
