// The memory sink: keeps the query's output in a table named after the query, readable with
// spark.table(name) or SQL. Append adds rows; complete replaces them; update appends the updated
// rows (Spark's SupportsStreamingUpdateAsAppend). For tests and small results.
import { defineSink, type Row } from "../../../runtime/plugin/contract.ts";
import { attributesOf } from "../../../runtime/plan/attribute.ts";
import type { Plan } from "../../../runtime/plan/plan.ts";
import { userError } from "../../../runtime/errors.ts";

interface SessionWithCatalog {
  catalog: { registerTable(name: string, plan: () => Plan): void };
}

export default defineSink<Record<string, never>>({
  name: "memory",
  summary: "Keeps the output in an in-memory table named by queryName (for tests and small results).",
  outputModes: ["append", "update", "complete"],
  options: { type: "object", properties: {} },
  examples: [{ title: "Collect into the table 'counts' (set .queryName(\"counts\"))", options: {} }],
  create(_options, ctx) {
    if (!ctx.queryName) {
      throw userError("_LEGACY_ERROR_TEMP_1227", "queryName must be specified for memory sink", { hint: 'Add .queryName("my_table") before start().' });
    }
    let rows: Row[] = [];
    let lastBatchId = -1;
    const output = attributesOf(ctx.schema);
    (ctx.session as SessionWithCatalog).catalog.registerTable(ctx.queryName, () =>
      Object.freeze({ kind: "table", name: ctx.queryName!, rowsOf: () => rows, output, streaming: false }) as Plan
    );
    return {
      description: `MemorySink`,
      addBatch(batchId, batch, mode) {
        if (batchId <= lastBatchId) return; // already written: replays are idempotent
        rows = mode === "complete" ? [...batch] : rows.concat(batch);
        lastBatchId = batchId;
      },
    };
  },
});
