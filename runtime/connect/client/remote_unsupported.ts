// What a pipeline can do embedded but not on a Spark Connect server, refused with a message that
// names it and what to use instead (Sluice's codes, REMOTE_UNSUPPORTED.*: Spark has no such class).
import { userError } from "../../errors.ts";

/** Formats Spark 4.1 has built in (sources and sinks), case-insensitively. */
export const SPARK_FORMATS = new Set([
  "json", "csv", "parquet", "text", "orc", "avro", "xml", "binaryfile", "jdbc", "noop",
  "rate", "rate-micro-batch", "socket", "kafka", "console", "memory", "delta", "foreachbatch",
]);

export function pluginRefused(kind: "source" | "sink", name: string) {
  return userError("REMOTE_UNSUPPORTED.PLUGIN",
    `The ${kind} '${name}' is a Sluice plugin: it runs only in Sluice's own engine, not on the Spark Connect server this session is connected to.`,
    { hint: `Use one of Spark's built-in formats (${kind === "source" ? "rate, socket, kafka, json, csv, parquet, text, delta" : "console, memory, kafka, json, csv, parquet, delta"}), or run the pipeline embedded (without --remote / SPARK_REMOTE / builder.remote()).` });
}

export function callbackRefused(what: "foreachBatch" | "foreach") {
  return userError(`REMOTE_UNSUPPORTED.${what === "foreachBatch" ? "FOREACH_BATCH" : "FOREACH"}`,
    `A TypeScript ${what} function cannot run on a Spark Connect server: the server runs only Python and JVM functions.`,
    { hint: what === "foreachBatch"
      ? "Write to one of Spark's sinks (memory, then query the table with spark.sql; kafka; files; delta), or run the pipeline embedded."
      : "Write to one of Spark's sinks (kafka, files, memory), or run the pipeline embedded." });
}
