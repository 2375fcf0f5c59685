// Before the first batch: the target table exists (or is created) and fits the query's schema, the
// upsert key is known, and the progress table exists. A mismatch is an error here, not in a batch.
import { userError, type StructType } from "sluice/plugin-sdk";
import { ident } from "./options.ts";
import { acceptedUdtNames, pgType } from "./pg_types.ts";

/** The few things of postgres.js this file uses. */
export interface Sql {
  unsafe<T = Record<string, unknown>[]>(query: string, params?: unknown[]): Promise<T>;
}

export interface TablePlan {
  /** "schema"."table" */
  qualified: string;
  /** For messages: schema.table */
  display: string;
  /** The table's column for each field of the query's schema, in field order. */
  columns: string[];
  /** Key columns (table names) for upsert. */
  keys: string[];
  /** Indexes into the schema's fields of the key columns. */
  keyFields: number[];
  /** "schema"."progress table" ("" without one) */
  progress: string;
}

interface ColumnRow {
  column_name: string;
  udt_name: string;
  data_type: string;
  is_nullable: string;
  column_default: string | null;
  is_identity: string;
  is_generated: string;
}

export interface PrepareSettings {
  table: { schema?: string; name: string };
  mode: "append" | "upsert";
  primaryKey?: string[];
  createTable: boolean;
  /** The streaming sink's progress table, created here; absent for df.write (no batch ids). */
  progressTable?: { schema?: string; name: string };
}

export async function prepareTables(sql: Sql, schema: StructType, s: PrepareSettings): Promise<TablePlan> {
  const current = (await sql.unsafe<{ current_schema: string }[]>("SELECT current_schema()"))[0]!.current_schema;
  const tableSchema = s.table.schema ?? current;
  const qualified = `${ident(tableSchema)}.${ident(s.table.name)}`;
  const display = `${tableSchema}.${s.table.name}`;
  const progress = s.progressTable ? `${ident(s.progressTable.schema ?? current)}.${ident(s.progressTable.name)}` : "";
  if (s.progressTable) {
    await sql.unsafe(
      `CREATE TABLE IF NOT EXISTS ${progress} (query_id text NOT NULL, table_name text NOT NULL, batch_id bigint NOT NULL, ` +
        `written_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (query_id, table_name))`,
    );
  }

  let existing = await columnsOf(sql, tableSchema, s.table.name);
  if (existing.length === 0) {
    if (!s.createTable) {
      throw userError("POSTGRES_TABLE_NOT_FOUND", `The table ${display} does not exist.`, {
        hint: 'Create it, or set the option createTable to "true" to create it from the query\'s schema.',
      });
    }
    const keys = s.primaryKey ?? [];
    const missing = keys.filter((k) => !schema.fields.some((f) => f.name === k));
    if (missing.length > 0) throw keyNotInQuery(missing, schema);
    if (s.mode === "upsert" && keys.length === 0) throw upsertNeedsKey(display);
    const cols = schema.fields.map((f) => `${ident(f.name)} ${pgType(f.dataType)}${keys.includes(f.name) || !f.nullable ? " NOT NULL" : ""}`);
    if (keys.length > 0) cols.push(`PRIMARY KEY (${keys.map(ident).join(", ")})`);
    await sql.unsafe(`CREATE TABLE IF NOT EXISTS ${qualified} (${cols.join(", ")})`);
    existing = await columnsOf(sql, tableSchema, s.table.name);
  }

  // Every query column must land in a column of a compatible type; table columns the query does
  // not write must be able to stay empty.
  const problems: string[] = [];
  const columns: string[] = [];
  const used = new Set<string>();
  for (const f of schema.fields) {
    const col = existing.find((c) => c.column_name === f.name) ?? existing.find((c) => c.column_name.toLowerCase() === f.name.toLowerCase());
    if (!col) {
      problems.push(`column "${f.name}" (${pgType(f.dataType)}) is missing`);
      columns.push(f.name);
      continue;
    }
    used.add(col.column_name);
    columns.push(col.column_name);
    if (!acceptedUdtNames(f.dataType).includes(col.udt_name)) {
      problems.push(`column "${col.column_name}" has type ${col.data_type === "ARRAY" ? col.udt_name : col.data_type}, but the query writes ${f.dataType.simpleString()} (${pgType(f.dataType)})`);
    }
  }
  for (const c of existing) {
    if (used.has(c.column_name)) continue;
    if (c.is_nullable === "NO" && c.column_default === null && c.is_identity !== "YES" && c.is_generated !== "ALWAYS") {
      problems.push(`column "${c.column_name}" is NOT NULL without a default, but the query does not write it`);
    }
  }
  if (problems.length > 0) {
    throw userError(
      "POSTGRES_TABLE_MISMATCH",
      `The table ${display} does not match the query's output:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      { hint: `The query writes: ${schema.fields.map((f) => `${f.name} ${f.dataType.simpleString()}`).join(", ")}.` },
    );
  }

  let keys: string[] = [];
  if (s.mode === "upsert") {
    const fromOption = s.primaryKey?.map((k) => columns[schema.fields.findIndex((f) => f.name === k)] ?? k);
    const missing = (s.primaryKey ?? []).filter((k) => !schema.fields.some((f) => f.name === k));
    if (missing.length > 0) throw keyNotInQuery(missing, schema);
    const unique = await uniqueKeysOf(sql, tableSchema, s.table.name);
    if (fromOption) {
      const sorted = [...fromOption].sort().join("\u0000");
      if (!unique.some((u) => [...u].sort().join("\u0000") === sorted)) {
        throw userError(
          "POSTGRES_UPSERT_KEY_NOT_UNIQUE",
          `Upsert into ${display} needs a primary key or unique constraint on (${fromOption.join(", ")}), and the table has none.`,
          { hint: `ALTER TABLE ${display} ADD PRIMARY KEY (${fromOption.map(ident).join(", ")})` },
        );
      }
      keys = fromOption;
    } else {
      if (unique.length === 0) throw upsertNeedsKey(display);
      keys = unique[0]!;
    }
    const notWritten = keys.filter((k) => !columns.includes(k));
    if (notWritten.length > 0) throw keyNotInQuery(notWritten, schema);
  }
  return { qualified, display, columns, keys, keyFields: keys.map((k) => columns.indexOf(k)), progress };
}

async function columnsOf(sql: Sql, schema: string, table: string): Promise<ColumnRow[]> {
  return await sql.unsafe<ColumnRow[]>(
    "SELECT column_name, udt_name, data_type, is_nullable, column_default, is_identity, is_generated " +
      "FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
    [schema, table],
  );
}

/** Column lists of the table's primary key (first) and unique constraints. */
async function uniqueKeysOf(sql: Sql, schema: string, table: string): Promise<string[][]> {
  const rows = await sql.unsafe<{ cols: string[]; primary: boolean }[]>(
    `SELECT array_agg(a.attname::text ORDER BY k.n) AS cols, i.indisprimary AS primary
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace ns ON ns.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE ns.nspname = $1 AND c.relname = $2 AND i.indisunique AND i.indpred IS NULL
      GROUP BY i.indexrelid, i.indisprimary
      ORDER BY i.indisprimary DESC`,
    [schema, table],
  );
  return rows.map((r) => r.cols);
}

function upsertNeedsKey(display: string) {
  return userError("POSTGRES_UPSERT_KEY_MISSING", `mode 'upsert' needs key columns for ${display}: it has no primary key and no primaryKey option was given.`, {
    hint: 'Set .option("primaryKey", "col1,col2") or give the table a primary key.',
  });
}

function keyNotInQuery(keys: string[], schema: StructType) {
  return userError(
    "POSTGRES_KEY_NOT_IN_QUERY",
    `The key column(s) ${keys.map((k) => `"${k}"`).join(", ")} are not in the query's output (${schema.fields.map((f) => f.name).join(", ")}).`,
  );
}
