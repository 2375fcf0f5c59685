// The memory sink: keeps the query's output in a table named after the query, readable with
// spark.table(name) or SQL. Append adds rows; complete replaces them; update appends the updated
// rows (Spark's SupportsStreamingUpdateAsAppend). For tests and small results.
import { defineSink, userError, type Row, type StructType } from "sluice/plugin-sdk";

interface SessionWithCatalog {
  catalog: { registerRows(name: string, schema: StructType, rows: () => readonly Row[]): void };
}

export default defineSink<Record<string, never>>({
  name: "memory",
  summary: "Keeps the output in an in-memory table named by queryName (for tests and small results).",
  outputModes: ["append", "update", "complete"],
  realTime: true,
  options: { type: "object", properties: {} },
  examples: [{ title: "Collect into the table 'counts' (set .queryName(\"counts\"))", options: {} }],
  create(_options, ctx) {
    if (!ctx.queryName) {
      throw userError("_LEGACY_ERROR_TEMP_1227", "queryName must be specified for memory sink", { hint: 'Add .queryName("my_table") before start().' });
    }
    let rows: Row[] = [];
    let lastBatchId = -1;
    (ctx.session as SessionWithCatalog).catalog.registerRows(ctx.queryName, ctx.schema, () => rows);
    return {
      description: `MemorySink`,
      addBatch(batchId, batch, mode) {
        if (batchId <= lastBatchId) return; // already written: replays are idempotent
        rows = mode === "complete" ? [...batch] : rows.concat(batch);
        lastBatchId = batchId;
      },
      // Appended and updated rows show in the table as they are written (Spark's ContinuousMemorySink
      // in real-time mode); a complete batch replaces the table when it commits; an aborted batch's rows go.
      beginBatch(batchId, mode) {
        if (batchId <= lastBatchId) return { write: () => {}, commit: () => {} };
        const before = rows.length;
        let complete: Row[] = [];
        return {
          write: (chunk) => {
            if (mode === "complete") complete = complete.concat(chunk);
            else rows = rows.concat(chunk);
          },
          commit: () => {
            if (mode === "complete") rows = complete;
            lastBatchId = batchId;
          },
          abort: () => {
            if (mode !== "complete") rows = rows.slice(0, before);
          },
        };
      },
    };
  },
});
