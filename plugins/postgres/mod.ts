// The `postgres` sink (beyond Spark): writes each micro-batch to a PostgreSQL table exactly once,
// and a DataFrame with df.write.format("postgres") (save(): one transaction).
// Each batch is one transaction that also records the batch id in a progress table, so a batch the
// engine replays after a crash is skipped; append inserts, upsert merges on the key (update mode),
// and complete mode replaces the rows. The table is checked against the query's schema (or created
// from it) before the first batch. Type mapping: see pg_types.ts.
import { defineSink, timeStringAsMs, externalError, SluiceError, type Row, type SaveWriter } from "sluice/plugin-sdk";
import { tableExistsError } from "./jdbc.ts";
import { connectionSettings, POSTGRES_SINK_OPTIONS, type PostgresSinkOptions, tableName } from "./options.ts";
import { prepareTables, type Sql } from "./table.ts";
import { describe, type GaveUp, isTransient, type RetrySettings, withRetries } from "./retry.ts";
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
  async save(options, ctx): Promise<SaveWriter | null> {
    // df.write.format("postgres"): the whole write is one transaction (retried as a whole on
    // connection failures): a missing table is created from the DataFrame's schema (primaryKey as
    // its key), overwrite deletes the rows (keeping the table's definition), append inserts (or
    // upserts with mode "upsert"); an existing table is refused (errorifexists) or left (ignore).
    const conn = connectionSettings(options);
    const table = tableName(options.table);
    const { default: postgres } = await import("postgres");
    const sql = (conn.url === undefined ? postgres(conn.options) : postgres(conn.url, conn.options)) as unknown as TransactionalSql;
    const retry = retrySettings(options);
    const gaveUp = (what: string) => ({ error, tries, retriedMs }: GaveUp) => externalError("POSTGRES_UNREACHABLE",
      `${what} ${options.table} on ${conn.display} failed after ${tries} tries in ${(retriedMs / 1000).toFixed(1)} s: ${describe(error)}`,
      { hint: "Nothing was written. Write again when the database is reachable.", cause: error });
    let exists: boolean;
    try {
      exists = await withRetries(retry, `looking up ${options.table}`, ctx.log, () => tableExists(sql, table), gaveUp("Looking up"));
    } catch (e) {
      await sql.end({ timeout: 1 }).catch(() => {});
      if (e instanceof SluiceError) throw e;
      throw externalError("POSTGRES_ERROR", `Looking up ${options.table} on ${conn.display} failed: ${describe(e)}`, { cause: e });
    }
    if (exists && (ctx.mode === "ignore" || ctx.mode === "errorifexists")) {
      await sql.end({ timeout: 1 }).catch(() => {});
      if (ctx.mode === "ignore") return null;
      throw tableExistsError(options.table);
    }
    const rows: Row[] = [];
    const primaryKey = keyList(options.primaryKey);
    return {
      write(chunk) {
        for (const r of chunk) rows.push(r);
      },
      async commit() {
        try {
          await withRetries(retry, `writing ${options.table}`, ctx.log, async () => {
            try {
              await sql.begin(async (tx) => {
                const plan = await prepareTables(tx, ctx.schema, { table, mode: options.mode, primaryKey, createTable: true });
                const writer = new PostgresWriter(sql, ctx.schema, plan, { ...retry, queryId: "", progressTable: "", mode: options.mode, display: conn.display }, ctx.log);
                if (ctx.mode === "overwrite") await tx.unsafe(`DELETE FROM ${plan.qualified}`);
                await writer.run(tx, writer.statementsFor(rows));
              });
            } catch (e) {
              if (e instanceof SluiceError || isTransient(e)) throw e;
              throw externalError("POSTGRES_WRITE_FAILED", `Writing to ${options.table} on ${conn.display} failed: ${describe(e)}`, { cause: e });
            }
          }, gaveUp("Writing to"));
        } finally {
          await sql.end({ timeout: 5 }).catch(() => {});
        }
      },
      async abort() {
        await sql.end({ timeout: 1 }).catch(() => {});
      },
    };
  },
  async create(options, ctx) {
    const conn = connectionSettings(options);
    const table = tableName(options.table);
    const progress = tableName(options.progressTable);
    const { default: postgres } = await import("postgres");
    const sql = (conn.url === undefined ? postgres(conn.options) : postgres(conn.url, conn.options)) as unknown as TransactionalSql;
    const retry = retrySettings(options);
    const unreachable = (e: unknown, how: string) => externalError(
      isTransient(e) ? "POSTGRES_UNREACHABLE" : "POSTGRES_ERROR",
      `The postgres sink could not prepare ${options.table} on ${conn.display}${how}: ${describe(e)}`,
      { cause: e },
    );
    try {
      const plan = await withRetries(retry, `preparing ${options.table}`, ctx.log, () => prepareTables(sql, ctx.schema, {
        table,
        mode: options.mode,
        primaryKey: keyList(options.primaryKey),
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

function retrySettings(options: PostgresSinkOptions): RetrySettings {
  return { retryTimeoutMs: timeStringAsMs(options.retryTimeout), maxAttempts: options.maxAttempts, retryBackoffMs: timeStringAsMs(options.retryBackoff) };
}

function keyList(primaryKey: string | undefined): string[] | undefined {
  return primaryKey?.split(",").map((k) => k.trim()).filter((k) => k.length > 0);
}

async function tableExists(sql: Sql, table: { schema?: string; name: string }): Promise<boolean> {
  const found = await sql.unsafe<{ n: number }[]>(
    "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = coalesce($1, current_schema()) AND table_name = $2",
    [table.schema ?? null, table.name]);
  return found[0]!.n > 0;
}

// df.write.format("jdbc") to PostgreSQL (batch writes only, as Spark's jdbc source).
export { default as jdbcSink } from "./jdbc.ts";
