// writeStream.format("delta"): delta-spark's DeltaSink. Each batch is one commit holding its data
// files and the txn action (appId = the query's id, version = the batch id), so a batch replayed
// after a crash finds its txn version in the table and commits nothing: exactly once. Complete
// mode replaces the table's content in that one commit. df.write.format("delta") is save().
import { resolve } from "node:path";
import { defineSink, type BatchWriter, type OutputMode, type Row, type SaveMode, type SaveWriter, type SinkWriter } from "sluice/plugin-sdk";
import { pathExists } from "./errors.ts";
import { isDeltaTable } from "./log_store.ts";
import { SINK_NO_EFFECT, SINK_UNSUPPORTED } from "./option_effects.ts";
import { partitionByOption, requirePath, WRITE_OPTIONS, type DeltaWriteOptions } from "./options.ts";
import { beginTableWrite } from "./write.ts";

const MODE_NAME: Record<OutputMode, string> = { append: "Append", complete: "Complete", update: "Update" };
const SAVE_MODE_NAME: Record<SaveMode, string> = { append: "Append", overwrite: "Overwrite", ignore: "Ignore", errorifexists: "ErrorIfExists" };

export default defineSink<DeltaWriteOptions>({
  name: "delta",
  summary: "Writes each batch as one commit to a Delta Lake table, exactly once (txn action per query and batch); df.write with save modes.",
  outputModes: ["append", "complete"],
  requiresCheckpoint: true,
  options: { type: "object", additionalProperties: false, properties: WRITE_OPTIONS },
  noEffectOptions: SINK_NO_EFFECT,
  unsupportedOptions: SINK_UNSUPPORTED,
  examples: [
    { title: "Append to a table partitioned by date", options: { path: "/data/delta/events", partitionBy: '["event_date"]' } },
    { title: "Append, adding new columns to the schema", options: { path: "/data/delta/events", mergeSchema: true } },
  ],
  save(options, ctx): SaveWriter | null {
    // df.write.format("delta"): delta-spark's WriteIntoDelta, one commit with operation WRITE.
    const table = resolve(requirePath(options.path));
    const exists = isDeltaTable(table);
    if (exists && ctx.mode === "errorifexists") throw pathExists(`file:${table}`);
    if (exists && ctx.mode === "ignore") return null;
    const partitionBy = partitionByOption(options.partitionBy);
    const overwrite = ctx.mode === "overwrite";
    const w = beginTableWrite({
      table, data: ctx.schema, partitionBy,
      mergeSchema: options.mergeSchema || ctx.conf("spark.databricks.delta.schema.autoMerge.enabled") === "true",
      overwriteSchema: options.overwriteSchema && overwrite, overwrite, streaming: false,
      timeZone: ctx.conf("spark.sql.session.timeZone") ?? "UTC", maxRowsPerFile: options.maxRecordsPerFile,
      operation: (m) => ({
        name: "WRITE",
        parameters: { mode: SAVE_MODE_NAME[ctx.mode], partitionBy: JSON.stringify(partitionBy ?? []) },
        metrics: {
          numFiles: m.numFiles!, numOutputRows: m.numOutputRows!, numOutputBytes: m.numOutputBytes!,
          ...(overwrite ? { numRemovedFiles: m.numRemovedFiles!, numRemovedBytes: m.numRemovedBytes! } : {}),
        },
        userMetadata: options.userMetadata,
      }),
    }, { nowMs: () => ctx.clock.nowMs(), log: ctx.log });
    return {
      write: (rows) => w.write(rows),
      commit: () => {
        w.commit();
      },
      abort: () => w.abort(),
    };
  },
  create(options, ctx): SinkWriter {
    const table = requirePath(options.path);
    const partitionBy = partitionByOption(options.partitionBy);
    const timeZone = ctx.conf("spark.sql.session.timeZone") ?? "UTC";
    const txnCtx = { nowMs: () => ctx.clock.nowMs(), log: ctx.log };
    let rowsWritten = 0;
    const begin = (batchId: number, mode: OutputMode): BatchWriter => {
      const w = beginTableWrite({
        table, data: ctx.schema, partitionBy, mergeSchema: options.mergeSchema || ctx.conf("spark.databricks.delta.schema.autoMerge.enabled") === "true", overwriteSchema: options.overwriteSchema && mode === "complete",
        overwrite: mode === "complete", streaming: true, timeZone, maxRowsPerFile: options.maxRecordsPerFile,
        txn: { appId: ctx.queryId, version: batchId },
        operation: (m) => ({
          name: "STREAMING UPDATE",
          parameters: { outputMode: MODE_NAME[mode], queryId: ctx.queryId, epochId: String(batchId) },
          metrics: { numRemovedFiles: m.numRemovedFiles!, numOutputRows: m.numOutputRows!, numOutputBytes: m.numOutputBytes!, numAddedFiles: m.numAddedFiles! },
          userMetadata: options.userMetadata,
        }),
      }, txnCtx);
      return {
        write(rows: Row[]) {
          if (w.active) rowsWritten += rows.length;
          w.write(rows);
        },
        commit() {
          w.commit();
        },
        abort() {
          w.abort();
        },
      };
    };
    return {
      description: `DeltaSink[${table}]`,
      beginBatch: begin,
      addBatch(batchId, rows, mode) {
        const w = begin(batchId, mode);
        try {
          w.write(rows);
          w.commit();
        } catch (e) {
          w.abort?.();
          throw e;
        }
      },
      metrics: () => ({ numOutputRows: String(rowsWritten) }),
    };
  },
});
