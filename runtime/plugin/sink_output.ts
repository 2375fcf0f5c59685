// Where a batch's rows leave the engine: one place for every sink. A writer with beginBatch gets
// the rows chunk by chunk as the plan produces them, then commit(); one with only addBatch (the
// whole-array form plugins were first written against) gets them all at once when the batch is
// done, so it holds the batch's output.
import type { OutputMode, Row, SinkWriter } from "./contract.ts";

export interface SinkBatch {
  write(rows: Row[]): void | Promise<void>;
  /** The batch's rows are all written: the sink makes them visible. */
  commit(): Promise<void>;
  /** The batch failed: the sink drops what it got. */
  abort(): Promise<void>;
  /** Rows written so far. */
  readonly rows: number;
}

export async function openSinkBatch(sink: SinkWriter, batchId: number, mode: OutputMode): Promise<SinkBatch> {
  if (sink.beginBatch) {
    const w = await sink.beginBatch(batchId, mode);
    let rows = 0;
    return {
      write: (chunk) => {
        rows += chunk.length;
        return w.write(chunk);
      },
      commit: async () => void (await w.commit()),
      abort: async () => void (await w.abort?.()),
      get rows() {
        return rows;
      },
    };
  }
  // The chunks are kept as they come and joined once (one copy, not a push per row).
  const parts: Row[][] = [];
  let rows = 0;
  return {
    write: (chunk) => {
      parts.push(chunk);
      rows += chunk.length;
    },
    commit: async () => void (await sink.addBatch(batchId, parts.length === 1 ? parts[0]! : ([] as Row[]).concat(...parts), mode)),
    abort: async () => {},
    get rows() {
      return rows;
    },
  };
}
