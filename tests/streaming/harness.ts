// Runs a streaming DataFrame batch by batch and records what the sink received per batch id.
import type { DataFrame } from "../../runtime/api/data_frame.ts";
import type { StreamingQuery } from "../../runtime/api/streaming_query.ts";

export interface Recorded {
  query: StreamingQuery;
  batches: Map<number, unknown[][]>;
  /** The rows of batches run since the last call, in batch order. */
  drain(): unknown[][][];
}

export function record(df: DataFrame, mode: "append" | "update" | "complete", options: Record<string, string> = {}): Recorded {
  const batches = new Map<number, unknown[][]>();
  let seen = -1;
  const query = df.writeStream.outputMode(mode).options(options).foreachBatch((batch, id) => {
    batches.set(id, batch.collectRaw().rows);
  }).start();
  return {
    query,
    batches,
    drain() {
      const ids = [...batches.keys()].filter((id) => id > seen).sort((a, b) => a - b);
      if (ids.length) seen = ids[ids.length - 1]!;
      return ids.map((id) => batches.get(id)!);
    },
  };
}

export const sec = (s: number) => s * 1_000_000;
/** Sorts rows for comparisons that ignore order inside a batch. */
export const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
