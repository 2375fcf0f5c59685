// The console sink: prints each batch as Spark does, a "Batch: N" banner and the show() table.
import { defineSink, showString } from "sluice/plugin-sdk";

export default defineSink<{ numRows: number; truncate: boolean }>({
  name: "console",
  summary: "Prints every batch to standard output as a table (for development; not fault-tolerant).",
  outputModes: ["append", "update", "complete"],
  // Spark's real-time allowlist has it; a real-time batch prints when it ends.
  realTime: true,
  options: {
    type: "object",
    properties: {
      numRows: { type: "integer", minimum: 0, default: 20, description: "How many rows of each batch to print." },
      truncate: { type: "boolean", default: true, description: "Cut cell text longer than 20 characters." },
    },
  },
  examples: [{ title: "Print up to 50 rows, untruncated", options: { numRows: 50, truncate: false } }],
  create(options, ctx) {
    const tz = ctx.conf("spark.sql.session.timeZone") ?? "UTC";
    const banner = "-------------------------------------------\n";
    let lastBatchId = -1;
    return {
      description: `org.apache.spark.sql.execution.streaming.ConsoleTable$@sluice`,
      addBatch(batchId, rows) {
        // A batch replayed within this run is printed once; after a restart Spark prints it again, and so do we.
        if (batchId <= lastBatchId) return;
        lastBatchId = batchId;
        const table = showString(ctx.schema, rows, options.numRows, options.truncate ? 20 : 0, tz);
        ctx.stdout(`${banner}Batch: ${batchId}\n${banner}${table}\n`);
      },
    };
  },
});
