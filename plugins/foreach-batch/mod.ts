// foreachBatch and foreach: sinks that hand each batch to user code. They take functions rather
// than JSON options, so DataStreamWriter creates them directly; they still implement SinkWriter.
import { toPublicRow, type OutputMode, type PublicRow as Row, type Row as InternalRow, type SinkWriter, type StructType } from "sluice/plugin-sdk";

/** A batch DataFrame over the given rows; supplied by the session so this module stays small. */
export type BatchFrameFactory = (rows: InternalRow[]) => unknown;

/** foreachBatch(fn): fn(batchDf, batchId) per batch; the function must be idempotent per batchId. */
export function foreachBatchSink(fn: (df: any, batchId: number) => unknown, toFrame: BatchFrameFactory): SinkWriter {
  return {
    description: "ForeachBatchSink",
    async addBatch(batchId: number, rows: InternalRow[]) {
      await fn(toFrame(rows), batchId);
    },
  };
}

/** PySpark's ForeachWriter: open(partitionId, epochId) -> process rows if true -> close(error). */
export interface ForeachWriter {
  open?(partitionId: number, epochId: number): boolean | Promise<boolean>;
  process(row: Row): void | Promise<void>;
  close?(error: Error | null): void | Promise<void>;
}

export function foreachSink(writer: ForeachWriter | ((row: Row) => void | Promise<void>), schema: StructType): SinkWriter {
  const w: ForeachWriter = typeof writer === "function" ? { process: writer } : writer;
  return {
    description: "ForeachSink",
    async addBatch(batchId: number, rows: InternalRow[], _mode: OutputMode) {
      // One partition per batch here, so partitionId is always 0.
      const open = w.open ? await w.open(0, batchId) : true;
      let error: Error | null = null;
      try {
        if (open) for (const r of rows) await w.process(toPublicRow(schema, r));
      } catch (e) {
        error = e instanceof Error ? e : new Error(String(e));
      }
      await w.close?.(error);
      if (error) throw error;
    },
  };
}
