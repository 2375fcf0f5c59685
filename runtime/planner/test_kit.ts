// For the planner's tests: a session with a streaming source "pushy" that takes pushed filters and
// columns and remembers the context it was created with, and the matching optimizer context.
import { SparkSession } from "../api/session.ts";
import { defineSource, type SourceContext } from "../plugin/contract.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import type { OptimizerContext } from "./rules/rule.ts";

export const PUSHY_SCHEMA = parseSchemaDDL("ts TIMESTAMP, k STRING, v DOUBLE, n BIGINT, note STRING");

export const optimizerContext: OptimizerContext = {
  pushdownOf: (format) => (format === "pushy" ? { columns: true, filters: true } : undefined),
};

export function pushySession(): { spark: SparkSession; seen: SourceContext[]; out: () => string } {
  const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
  let printed = "";
  spark.stdout = (t) => void (printed += t);
  const seen: SourceContext[] = [];
  spark.plugins.registry.register(defineSource<Record<string, never>>({
    name: "pushy",
    summary: "Rows of ts, k, v, n, note; takes filters and columns pushed into it (tests only).",
    options: { type: "object", properties: {} },
    pushdown: { columns: true, filters: true },
    schema: () => PUSHY_SCHEMA,
    create: (_o, ctx) => {
      seen.push(ctx);
      return { schema: PUSHY_SCHEMA, description: "pushy", latestOffset: () => null, getBatch: () => [] };
    },
  }), "test");
  return { spark, seen, out: () => printed };
}
