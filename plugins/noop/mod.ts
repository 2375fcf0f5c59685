// Spark's `noop` sink (NoopDataSource): runs the query and discards its output, for measuring a
// query without the cost of writing it. Every output mode; df.write.format("noop") too, in any
// save mode.
import { defineSink } from "sluice/plugin-sdk";

export default defineSink<Record<string, never>>({
  name: "noop",
  summary: "Discards the output (runs the query without writing it), as Spark's noop format.",
  outputModes: ["append", "update", "complete"],
  realTime: true,
  options: { type: "object", properties: {} },
  examples: [{ title: "Run the query, write nothing", options: {} }],
  create() {
    return {
      description: "NoopSink",
      addBatch() {},
    };
  },
  save() {
    return { write() {}, commit() {}, abort() {} };
  },
});
