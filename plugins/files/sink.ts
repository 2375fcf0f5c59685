// The file sinks: one implementation (Spark's FileStreamSink) behind the json, csv, text and
// parquet sink plugins. Append mode only; a checkpoint is required, as in Spark. partitionBy
// arrives from writeStream.partitionBy(...) as a JSON array in the `partitionBy` option. df.write
// is save() (file_save.ts).
import { userError, getTimeZone, defineSink, timeStringAsMs, StructType, type PluginExample, type SinkDefinition, type DataType } from "sluice/plugin-sdk";
import { logSettings } from "../formats/compactible_log.ts";
import type { EncodeContext, FileEncoder } from "../formats/encoder.ts";
import { fileSave } from "./file_save.ts";
import { FileStreamSink } from "./file_sink.ts";
import { sinkEffects } from "./spark_option_effects.ts";
import { type FileSinkOptions, fileSinkOptions } from "./sink_options.ts";

export type EncoderFactory = (options: FileSinkOptions, dataSchema: StructType, ctx: EncodeContext) => FileEncoder;

/** Checks the data schema for the format (Spark's verifySchema); throws Spark's error. */
export type SchemaCheck = (dataSchema: StructType) => void;

export function fileSink(
  name: string,
  formatOptions: Record<string, unknown>,
  encoder: EncoderFactory,
  checkSchema: SchemaCheck,
  summary: string,
  examples: PluginExample[],
): SinkDefinition<FileSinkOptions> {
  const options = fileSinkOptions(formatOptions);
  const effects = sinkEffects(name, Object.keys(options.properties as object));
  return defineSink<FileSinkOptions>({
    name,
    summary,
    outputModes: ["append"],
    requiresCheckpoint: true,
    options,
    noEffectOptions: effects.noEffect,
    unsupportedOptions: effects.unsupported,
    examples,
    save(options, ctx) {
      const schema = ctx.schema;
      const partitionIndexes = partitionColumns(options.partitionBy, schema);
      const dataSchema = new StructType(schema.fields.filter((_, i) => !partitionIndexes.includes(i)));
      checkSchema(dataSchema);
      const zoneId = options.timeZone ?? ctx.conf("spark.sql.session.timeZone") ?? "UTC";
      const gz = name !== "parquet" && typeof options.compression === "string" && options.compression.toLowerCase() === "gzip";
      return fileSave({
        path: options.path, schema, partitionIndexes, dataSchema, encoder: encoder(options, dataSchema, { zone: getTimeZone(zoneId), zoneId }),
        compressSuffix: gz ? ".gz" : "", zoneId, emptyFile: name === "parquet",
      }, ctx);
    },
    create(options, ctx) {
      const schema = ctx.schema;
      const partitionIndexes = partitionColumns(options.partitionBy, schema);
      const dataSchema = new StructType(schema.fields.filter((_, i) => !partitionIndexes.includes(i)));
      checkSchema(dataSchema);
      const zoneId = options.timeZone ?? ctx.conf("spark.sql.session.timeZone") ?? "UTC";
      const enc = encoder(options, dataSchema, { zone: getTimeZone(zoneId), zoneId });
      // CSVOptions: `compression`, else its alias `codec`.
      const compression = options.compression ?? options.codec;
      const gz = name !== "parquet" && typeof compression === "string" && compression.toLowerCase() === "gzip";
      return new FileStreamSink(
        {
          path: options.path,
          schema,
          partitionIndexes,
          encoder: enc,
          compressSuffix: gz ? ".gz" : "",
          zoneId,
          logSettings: logSettings(ctx.conf, "spark.sql.streaming.fileSink.log"),
          retentionMs: options.retention === undefined ? Infinity : timeStringAsMs(options.retention),
          nowMs: () => ctx.clock.nowMs(),
        },
        dataSchema,
      );
    },
  });
}

/** The partitionBy columns' indexes, checked as Spark's PartitioningUtils.validatePartitionColumn. */
export function partitionColumns(option: string | undefined, schema: StructType): number[] {
  if (option === undefined || option === "") return [];
  let names: unknown;
  try {
    names = JSON.parse(option);
  } catch {
    names = option.split(",").map((s) => s.trim());
  }
  if (!Array.isArray(names)) names = [String(names)];
  const indexes = (names as unknown[]).map((n) => {
    const i = schema.fieldIndex(String(n));
    if (i < 0) {
      throw userError("_LEGACY_ERROR_TEMP_1155", `Partition column \`${String(n)}\` not found in schema ${schema.simpleString()}.`, {
        hint: `The query's columns are: ${schema.fieldNames.join(", ")}.`,
      });
    }
    const t: DataType = schema.fields[i]!.dataType;
    if (t.kind === "array" || t.kind === "map" || t.kind === "struct" || t.kind === "binary" || t.kind === "null") {
      throw userError("INVALID_PARTITION_COLUMN_DATA_TYPE", `Cannot use ${t.sql()} for partition column.`, { sqlState: "0A000" });
    }
    return i;
  });
  if (indexes.length > 0 && indexes.length === schema.fields.length) {
    throw userError("ALL_PARTITION_COLUMNS_NOT_ALLOWED", "Cannot use all columns for partition columns.", { sqlState: "KD005" });
  }
  return indexes;
}
