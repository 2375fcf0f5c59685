// The file sources: one implementation behind the json, csv, text and parquet plugins. Each
// format plugin is `fileSource(format, …)`. Streaming reads follow Spark's FileStreamSource
// (offsets {"logOffset": N}, the files of each batch in the checkpoint's source log); batch reads
// list and read everything once and may infer the schema. A directory written by a file sink is
// read through its _spark_metadata log, so only committed files are seen.
import { defineSource, type Logger, type PluginExample, type SourceDefinition, type StructType } from "sluice/plugin-sdk";
import { FileBatchReader } from "./batch_reader.ts";
import type { FileFormat } from "../formats/format.ts";
import { type FileSourceOptions, fileSourceOptions } from "./source_options.ts";
import { resolveSchema } from "./resolve_schema.ts";
import { sourceEffects } from "./spark_option_effects.ts";
import { FileStreamReader } from "./stream_reader.ts";

/**
 * What schema() may be told besides the options: whether the DataFrame is a stream (readStream)
 * and the session configuration. Without it the schema is worked out as for spark.read.
 */
export interface SchemaInfo {
  streaming?: boolean;
  conf?: (key: string) => string | undefined;
}

const QUIET: Logger = { info() {}, warn() {} };

export function fileSource(
  format: FileFormat,
  formatOptions: Record<string, unknown>,
  summary: string,
  examples: PluginExample[],
  pushdown?: { columns?: boolean; filters?: boolean },
): SourceDefinition<FileSourceOptions> {
  const options = fileSourceOptions(formatOptions);
  const effects = sourceEffects(format.name, Object.keys(options.properties as object));
  return defineSource<FileSourceOptions>({
    name: format.name,
    summary,
    userSchema: "optional",
    pushdown,
    options,
    noEffectOptions: effects.noEffect,
    unsupportedOptions: effects.unsupported,
    examples,
    schema(options: FileSourceOptions, userSchema: StructType | undefined, info?: SchemaInfo): StructType {
      return resolveSchema(format, options, userSchema, {
        streaming: info?.streaming ?? false,
        conf: info?.conf ?? (() => undefined),
        log: QUIET,
      }).schema;
    },
    create(options, ctx) {
      const env = { streaming: ctx.streaming, conf: ctx.conf, log: ctx.log };
      const resolved = resolveSchema(format, options, ctx.userSchema, env);
      // What the optimizer pushed in: the data columns the query reads, and its conditions.
      const scan = {
        columns: ctx.requiredColumns ? new Set(ctx.requiredColumns.filter((c) => resolved.dataSchema.fieldNames.includes(c))) : undefined,
        filters: ctx.filters,
      };
      return ctx.streaming
        ? new FileStreamReader(format, options, resolved, ctx.metadataDir, env, scan)
        : new FileBatchReader(format, options, resolved, env, scan);
    },
  });
}

export { FileStreamReader } from "./stream_reader.ts";
export { FileBatchReader } from "./batch_reader.ts";
export type { FileSourceOptions } from "./source_options.ts";
