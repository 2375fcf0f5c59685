// Writes each micro-batch in one transaction together with its batch id in the progress table, so a
// replayed batch is skipped and a failed try leaves nothing behind. Connection failures are retried
// for up to retryTimeout (retry.ts); then the batch (and the query) fails with the last error.
import { externalError, SluiceError, userError, type Logger, type OutputMode, type Row, type SinkWriter, type StructType } from "sluice/plugin-sdk";
import { ident } from "./options.ts";
import { describe, isTransient, type RetrySettings, withRetries } from "./retry.ts";
import { jsonValue, pgType } from "./pg_types.ts";
import type { Sql, TablePlan } from "./table.ts";

/** Rows sent in one INSERT statement (one JSON parameter). */
const ROWS_PER_STATEMENT = 5_000;

export interface TransactionalSql extends Sql {
  begin<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  end(options?: { timeout?: number }): Promise<void>;
}

export interface WriterSettings extends RetrySettings {
  queryId: string;
  progressTable: string;
  mode: "append" | "upsert";
  display: string;
}

export class PostgresWriter implements SinkWriter {
  readonly description: string;
  #lastWritten = -1;
  #rowsWritten = 0;
  #batchesSkipped = 0;
  readonly #insert: string;
  readonly #upsert: string;

  constructor(
    private readonly sql: TransactionalSql,
    private readonly schema: StructType,
    private readonly plan: TablePlan,
    private readonly s: WriterSettings,
    private readonly log: Logger,
  ) {
    this.description = `PostgresSink[${s.display}/${plan.display}, mode=${s.mode}]`;
    const cols = plan.columns.map(ident).join(", ");
    const record = schema.fields.map((f, i) => `c${i} ${pgType(f.dataType)}`).join(", ");
    const select = schema.fields.map((_, i) => `c${i}`).join(", ");
    this.#insert = `INSERT INTO ${plan.qualified} (${cols}) SELECT ${select} FROM jsonb_to_recordset($1::text::jsonb) AS x(${record})`;
    const nonKeys = plan.columns.filter((c) => !plan.keys.includes(c));
    this.#upsert = plan.keys.length === 0 ? this.#insert : `${this.#insert} ON CONFLICT (${plan.keys.map(ident).join(", ")}) ` +
      (nonKeys.length === 0 ? "DO NOTHING" : `DO UPDATE SET ${nonKeys.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(", ")}`);
  }

  async addBatch(batchId: number, rows: Row[], mode: OutputMode): Promise<void> {
    if (batchId <= this.#lastWritten) return;
    if (mode === "update" && this.s.mode !== "upsert") {
      throw userError("POSTGRES_UPDATE_NEEDS_UPSERT", `Output mode update writes changed rows again; the postgres sink needs mode 'upsert' for it (table ${this.plan.display}).`, {
        hint: '.option("mode", "upsert") with the grouping columns as the table\'s primary key (or .option("primaryKey", …)).',
      });
    }
    const chunks = this.statementsFor(rows);
    const written = await withRetries(this.s, `batch ${batchId}`, this.log, async () => {
      try {
        return await this.sql.begin(async (tx) => {
          const [last] = await tx.unsafe<{ batch_id: string }[]>(
            `SELECT batch_id FROM ${this.s.progressTable} WHERE query_id = $1 AND table_name = $2 FOR UPDATE`,
            [this.s.queryId, this.plan.display],
          );
          if (last !== undefined && Number(last.batch_id) >= batchId) return false;
          if (mode === "complete") await tx.unsafe(`DELETE FROM ${this.plan.qualified}`);
          await this.run(tx, chunks);
          await tx.unsafe(
            `INSERT INTO ${this.s.progressTable} (query_id, table_name, batch_id) VALUES ($1, $2, $3) ` +
              "ON CONFLICT (query_id, table_name) DO UPDATE SET batch_id = EXCLUDED.batch_id, written_at = now()",
            [this.s.queryId, this.plan.display, batchId],
          );
          return true;
        });
      } catch (e) {
        if (e instanceof SluiceError || isTransient(e)) throw e;
        throw externalError("POSTGRES_WRITE_FAILED", `Writing batch ${batchId} to ${this.plan.display} failed: ${describe(e)}`, { cause: e });
      }
    }, ({ error, tries, retriedMs }) => externalError(
      "POSTGRES_WRITE_FAILED",
      `Writing batch ${batchId} to ${this.plan.display} on ${this.s.display} failed after ${tries} tries in ${(retriedMs / 1000).toFixed(1)} s: ${describe(error)}`,
      {
        hint: "Nothing of the batch was committed. Restart the query when the database is reachable: it resumes with this batch. " +
          'A longer outage can be ridden through with .option("retryTimeout", "5min").',
        cause: error,
      },
    ));
    if (written) this.#rowsWritten += rows.length;
    else this.#batchesSkipped++;
    this.#lastWritten = batchId;
  }

  /** The rows' INSERT (or upsert) statements, each with its JSON parameter. */
  statementsFor(rows: Row[]): [string, string][] {
    const statement = this.s.mode === "upsert" ? this.#upsert : this.#insert;
    return this.#chunks(this.s.mode === "upsert" ? this.#lastPerKey(rows) : rows).map((c) => [statement, c]);
  }

  /** Runs statementsFor's statements in transaction `tx`. */
  async run(tx: Sql, statements: readonly [string, string][]): Promise<void> {
    for (const [statement, chunk] of statements) await tx.unsafe(statement, [chunk]);
  }

  /** Upserting one key twice in a statement is an error in PostgreSQL: the last row per key wins. */
  #lastPerKey(rows: Row[]): Row[] {
    const keys = this.plan.keyFields;
    if (keys.length === 0) return rows;
    const byKey = new Map<string, Row>();
    for (const r of rows) byKey.set(JSON.stringify(keys.map((k) => keyText(r[k]))), r);
    return byKey.size === rows.length ? rows : [...byKey.values()];
  }

  /** The rows as JSON arrays of objects {c0: …, c1: …}, ROWS_PER_STATEMENT at a time. */
  #chunks(rows: Row[]): string[] {
    const fields = this.schema.fields;
    const out: string[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const parts: string[] = [];
      for (const r of rows.slice(i, i + ROWS_PER_STATEMENT)) {
        let obj = "{";
        for (let j = 0; j < fields.length; j++) obj += `${j === 0 ? "" : ","}"c${j}":${jsonValue(r[j], fields[j]!.dataType, true)}`;
        parts.push(`${obj}}`);
      }
      out.push(`[${parts.join(",")}]`);
    }
    return out;
  }

  metrics(): Record<string, string> {
    return { rowsWritten: String(this.#rowsWritten), batchesSkipped: String(this.#batchesSkipped) };
  }

  async stop(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

function keyText(v: unknown): unknown {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Uint8Array) return [...v];
  return v;
}
