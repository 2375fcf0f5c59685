// A file source's schema, as Spark's DataSource works it out: the data schema (the user's, minus
// partition columns, or inferred for batch reads) followed by the partition columns found in
// `key=value` directories (typed by the user's schema where it names them). Streaming reads need
// the user's schema unless the format fixes it (text) or spark.sql.streaming.schemaInference is on.
import { getTimeZone, StructType, type TimeZone, type Logger } from "sluice/plugin-sdk";
import { committedSinkFiles, hasSinkMetadata } from "../formats/sink_log.ts";
import { streamingSchemaRequired, unableToInferSchema } from "../formats/errors.ts";
import type { FileFormat, FormatContext } from "../formats/format.ts";
import { componentRegex } from "../formats/glob.ts";
import { checkPathExists, type ListedFile, listFiles } from "../formats/list_files.ts";
import type { FileSourceOptions } from "./source_options.ts";
import { discoverPartitions, NO_PARTITIONS } from "../formats/partitioning.ts";
import { basename } from "node:path";

export interface ResolvedSchema {
  schema: StructType;
  dataSchema: StructType;
  partitionSchema: StructType;
}

/** What the reader needs besides the options: the query's settings. */
export interface SourceEnv {
  streaming: boolean;
  conf(key: string): string | undefined;
  log: Logger;
}

export function formatContext(o: FileSourceOptions, env: SourceEnv): FormatContext {
  const zoneId = o.timeZone ?? env.conf("spark.sql.session.timeZone") ?? "UTC";
  const zone: TimeZone = getTimeZone(zoneId);
  return { zone, zoneId, log: env.log, conf: env.conf };
}

/** The files a path stands for right now: a file sink's committed files, or a listing. */
export function currentFiles(o: FileSourceOptions, streaming: boolean): ListedFile[] {
  const files = hasSinkMetadata(o.path) ? committedSinkFiles(o.path) : listFiles(o.path, streaming);
  return filterByName(files, o.pathGlobFilter);
}

export function filterByName(files: ListedFile[], pattern: string | undefined): ListedFile[] {
  if (pattern === undefined) return files;
  const re = componentRegex(pattern);
  return files.filter((f) => re.test(basename(f.path)));
}

export function resolveSchema(
  format: FileFormat,
  o: FileSourceOptions,
  userSchema: StructType | undefined,
  env: SourceEnv,
): ResolvedSchema {
  checkPathExists(o.path, env.streaming);
  const ctx = formatContext(o, env);
  const inferInStreaming = (env.conf("spark.sql.streaming.schemaInference") ?? "false").toLowerCase() === "true";
  if (env.streaming && userSchema === undefined && format.streamingNeedsSchema && !inferInStreaming) {
    throw streamingSchemaRequired();
  }
  const files = currentFiles(o, env.streaming);
  // recursiveFileLookup: Spark lists every file below the path and discovers no partitions.
  const partitions = o.recursiveFileLookup === true ? NO_PARTITIONS : discoverPartitions(files, userSchema, ctx.zone, ctx.zoneId);
  const partitionSchema = partitions.schema;
  const isPartition = (name: string) => partitionSchema.fields.some((p) => p.name.toLowerCase() === name.toLowerCase());
  let dataSchema: StructType;
  if (userSchema !== undefined) {
    dataSchema = new StructType(userSchema.fields.filter((f) => !isPartition(f.name)));
  } else {
    const inferred = format.inferSchema(files, o, ctx) ?? format.fixedSchema;
    if (inferred === null) throw unableToInferSchema(format.displayName);
    dataSchema = new StructType(inferred.fields.filter((f) => !isPartition(f.name)));
  }
  format.checkSchema(dataSchema, o, ctx);
  return {
    schema: new StructType([...dataSchema.fields, ...partitionSchema.fields]),
    dataSchema,
    partitionSchema,
  };
}
