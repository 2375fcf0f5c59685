// The `postgres` sink (beyond Spark): writes each micro-batch to a PostgreSQL table exactly once.
// Each batch is one transaction that also records the batch id in a progress table, so a batch the
// engine replays after a crash is skipped; append inserts, upsert merges on the key (update mode),
// and complete mode replaces the rows. The table is checked against the query's schema (or created
// from it) before the first batch. Type mapping: see pg_types.ts.
import { defineSink, timeStringAsMs, externalError, SluiceError } from "sluice/plugin-sdk";
import { connectionSettings, POSTGRES_SINK_OPTIONS, type PostgresSinkOptions, tableName } from "./options.ts";
import { prepareTables } from "./table.ts";
import { describe, isTransient, type RetrySettings, withRetries } from "./retry.ts";
import { PostgresWriter, type TransactionalSql } from "./writer.ts";

export default defineSink<PostgresSinkOptions>({
  name: "postgres",
  summary: "Writes each micro-batch to a PostgreSQL table in one transaction, exactly once (append, upsert, or replace for complete mode).",
  outputModes: ["append", "update", "complete"],
  requiresCheckpoint: true,
  options: POSTGRES_SINK_OPTIONS,
  examples: [
    {
      title: "Upsert windowed totals, creating the table",
      options: { url: "postgres://app@localhost:5432/analytics", table: "revenue", mode: "upsert", primaryKey: "window_start,category", createTable: true },
    },
    { title: "Append rows to an existing table", options: { host: "db", user: "app", password: "secret", database: "analytics", table: "events" } },
  ],
  async create(options, ctx) {
    const conn = connectionSettings(options);
    const table = tableName(options.table);
    const progress = tableName(options.progressTable);
    const { default: postgres } = await import("postgres");
    const sql = (conn.url === undefined ? postgres(conn.options) : postgres(conn.url, conn.options)) as unknown as TransactionalSql;
    const retry: RetrySettings = {
      retryTimeoutMs: timeStringAsMs(options.retryTimeout),
      maxAttempts: options.maxAttempts,
      retryBackoffMs: timeStringAsMs(options.retryBackoff),
    };
    const unreachable = (e: unknown, how: string) => externalError(
      isTransient(e) ? "POSTGRES_UNREACHABLE" : "POSTGRES_ERROR",
      `The postgres sink could not prepare ${options.table} on ${conn.display}${how}: ${describe(e)}`,
      { cause: e },
    );
    try {
      const plan = await withRetries(retry, `preparing ${options.table}`, ctx.log, () => prepareTables(sql, ctx.schema, {
        table,
        mode: options.mode,
        primaryKey: options.primaryKey?.split(",").map((k) => k.trim()).filter((k) => k.length > 0),
        createTable: options.createTable,
        progressTable: progress,
      }), ({ error, tries, retriedMs }) => unreachable(error, ` (${tries} tries in ${(retriedMs / 1000).toFixed(1)} s)`));
      return new PostgresWriter(sql, ctx.schema, plan, {
        queryId: ctx.queryId,
        progressTable: plan.progress,
        mode: options.mode,
        ...retry,
        display: conn.display,
      }, ctx.log);
    } catch (e) {
      await sql.end({ timeout: 1 }).catch(() => {});
      if (e instanceof SluiceError) throw e;
      throw unreachable(e, "");
    }
  },
});

// df.write.format("jdbc") to PostgreSQL (batch writes only, as Spark's jdbc source).
export { default as jdbcSink } from "./jdbc.ts";
