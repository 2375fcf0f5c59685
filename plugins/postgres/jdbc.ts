// df.write.format("jdbc") to PostgreSQL, as Spark's JdbcRelationProvider does it, so a PySpark
// foreachBatch that writes with JDBC ports line for line: the options url (jdbc:postgresql://…),
// dbtable, user, password, driver (org.postgresql.Driver); an existing table with mode
// errorifexists is Spark's error, ignore leaves it, overwrite drops and re-creates it (truncate=true:
// TRUNCATE TABLE ONLY, keeping its definition), append inserts; a missing table is created from the
// DataFrame's schema. Beyond Spark: the whole write is one transaction (Spark commits per
// partition), so a failed write leaves the table as it was. JDBC databases other than PostgreSQL are
// refused. There is no streaming JDBC sink in Spark, nor here (the postgres sink is the streaming one).
import { defineSink, externalError, SluiceError, userError, type OptionsSchema, type Row, type SaveWriter, type StructType } from "sluice/plugin-sdk";
import { ident, tableName } from "./options.ts";
import { jsonValue, pgType } from "./pg_types.ts";
import { describe, isTransient } from "./retry.ts";
import type { TransactionalSql } from "./writer.ts";

export interface JdbcOptions {
  url: string;
  dbtable: string;
  user?: string;
  password?: string;
  driver?: string;
  truncate: boolean;
  batchsize: number;
  isolationLevel: "NONE" | "READ_UNCOMMITTED" | "READ_COMMITTED" | "REPEATABLE_READ" | "SERIALIZABLE";
  createTableOptions: string;
}

const OPTIONS: OptionsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["url", "dbtable"],
  properties: {
    url: { type: "string", minLength: 1, description: "jdbc:postgresql://host[:port]/database[?user=…&password=…&ssl=true]" },
    dbtable: { type: "string", minLength: 1, description: "The table to write: table or schema.table." },
    user: { type: "string", description: "User name (or user= in the url)." },
    password: { type: "string", description: "Password (or password= in the url)." },
    driver: { type: "string", description: "The JDBC driver class; only org.postgresql.Driver (PostgreSQL) is supported." },
    truncate: { type: "boolean", default: false, description: "With mode overwrite: empty the existing table (TRUNCATE) instead of dropping and re-creating it." },
    batchsize: { type: "integer", minimum: 1, default: 1000, description: "Rows per INSERT statement." },
    isolationLevel: {
      enum: ["NONE", "READ_UNCOMMITTED", "READ_COMMITTED", "REPEATABLE_READ", "SERIALIZABLE"],
      default: "READ_UNCOMMITTED",
      description: "The transaction isolation level of the write (PostgreSQL runs READ_UNCOMMITTED as READ_COMMITTED).",
    },
    createTableOptions: { type: "string", default: "", description: "Text appended to CREATE TABLE when the table is created (e.g. a TABLESPACE clause)." },
  },
};

const URL_PARAMS = new Set(["user", "password", "ssl", "sslmode", "ApplicationName"]);

/** postgres.js settings for a jdbc:postgresql:// URL and the user/password options. */
export function jdbcConnection(o: Pick<JdbcOptions, "url" | "user" | "password" | "driver">): { options: Record<string, unknown>; display: string } {
  if (o.driver !== undefined && o.driver !== "org.postgresql.Driver") {
    throw userError("JDBC_DRIVER_UNSUPPORTED", `The JDBC driver ${o.driver} is not available: Sluice writes JDBC to PostgreSQL only (org.postgresql.Driver).`);
  }
  const m = /^jdbc:postgresql:\/\/([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(o.url);
  if (!m) {
    throw userError("JDBC_URL_UNSUPPORTED", `No suitable driver for ${o.url.replace(/password=[^&]*/g, "password=***")}: Sluice writes JDBC to PostgreSQL only.`, {
      hint: "Expected jdbc:postgresql://host:port/database",
    });
  }
  const [hostText = "", database = "", query = ""] = [m[1], m[2] ? decodeURIComponent(m[2]) : "", m[3]];
  const colon = hostText.lastIndexOf(":");
  const host = (colon > 0 ? hostText.slice(0, colon) : hostText) || "localhost";
  const port = colon > 0 ? Number(hostText.slice(colon + 1)) : 5432;
  // The query string read by hand: Deno's type check does not see URLSearchParams' methods here.
  const params = new Map<string, string>();
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const decode = (t: string) => decodeURIComponent(t.replace(/\+/g, " "));
    const k = decode(eq < 0 ? part : part.slice(0, eq));
    if (!params.has(k)) params.set(k, eq < 0 ? "" : decode(part.slice(eq + 1)));
  }
  const param = (k: string): string | null => params.get(k) ?? null;
  for (const k of params.keys()) {
    if (!URL_PARAMS.has(k)) throw userError("JDBC_URL_PARAMETER_UNSUPPORTED", `The JDBC url parameter '${k}' is not supported (supported: ${[...URL_PARAMS].join(", ")}).`);
  }
  const sslmode = param("sslmode");
  const ssl = param("ssl") === "true" || (sslmode !== null && sslmode !== "disable" && sslmode !== "allow" && sslmode !== "prefer");
  const options: Record<string, unknown> = {
    host, port, database: database || undefined, max: 1, onnotice: () => {}, ssl: ssl ? "require" : false,
    connection: { application_name: param("ApplicationName") ?? "sluice" },
  };
  const user = o.user ?? param("user") ?? undefined;
  const password = o.password ?? param("password") ?? undefined;
  if (user !== undefined) options.username = user;
  if (password !== undefined) options.password = password;
  return { options, display: `${host}:${port}/${database}` };
}

export function tableExistsError(dbtable: string): SluiceError {
  return userError("_LEGACY_ERROR_TEMP_1288", `Table or view '${dbtable}' already exists. SaveMode: ErrorIfExists.`, {
    hint: 'Use .mode("append") to add rows, .mode("overwrite") to replace the table, or another dbtable.',
  });
}

function createStatement(qualified: string, schema: StructType, extra: string): string {
  const cols = schema.fields.map((f) => `${ident(f.name)} ${pgType(f.dataType)}${f.nullable ? "" : " NOT NULL"}`);
  return `CREATE TABLE ${qualified} (${cols.join(", ")}) ${extra}`.trim();
}

export default defineSink<JdbcOptions>({
  name: "jdbc",
  summary: "df.write.format(\"jdbc\") to PostgreSQL with Spark's options and save modes, in one transaction (batch only; stream with the postgres sink).",
  outputModes: ["append"],
  options: OPTIONS,
  examples: [
    { title: "Append a DataFrame to a table", options: { url: "jdbc:postgresql://localhost:5432/analytics", dbtable: "public.revenue", user: "app", password: "secret" } },
  ],
  create() {
    throw userError("DATA_SOURCE_STREAM_WRITE_UNSUPPORTED", "Data source jdbc does not support streamed writing.", {
      hint: 'Stream to PostgreSQL with writeStream.format("postgres"), or write each micro-batch with foreachBatch((df) => df.write.format("jdbc")…save()).',
    });
  },
  async save(options, ctx): Promise<SaveWriter | null> {
    const conn = jdbcConnection(options);
    const target = tableName(options.dbtable);
    const { default: postgres } = await import("postgres");
    const sql = postgres(conn.options) as unknown as TransactionalSql;
    const fail = (e: unknown, what: string): never => {
      if (e instanceof SluiceError) throw e;
      throw externalError(isTransient(e) ? "POSTGRES_UNREACHABLE" : "JDBC_WRITE_FAILED", `${what} ${options.dbtable} on ${conn.display} failed: ${describe(e)}`, { cause: e });
    };
    let exists: boolean;
    let qualified: string;
    try {
      const current = (await sql.unsafe<{ s: string }[]>("SELECT current_schema() AS s"))[0]!.s;
      const schemaName = target.schema ?? current;
      qualified = `${ident(schemaName)}.${ident(target.name)}`;
      const found = await sql.unsafe<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2", [schemaName, target.name]);
      exists = found[0]!.n > 0;
    } catch (e) {
      await sql.end({ timeout: 1 }).catch(() => {});
      return fail(e, "Looking up");
    }
    if (exists && (ctx.mode === "errorifexists" || ctx.mode === "ignore")) {
      await sql.end({ timeout: 1 }).catch(() => {});
      if (ctx.mode === "ignore") return null;
      throw tableExistsError(options.dbtable);
    }
    const schema = ctx.schema;
    const cols = schema.fields.map((f) => ident(f.name)).join(", ");
    const record = schema.fields.map((f, i) => `c${i} ${pgType(f.dataType)}`).join(", ");
    const insert = `INSERT INTO ${qualified} (${cols}) SELECT ${schema.fields.map((_, i) => `c${i}`).join(", ")} FROM jsonb_to_recordset($1::text::jsonb) AS x(${record})`;
    const rows: Row[] = [];
    const isolation = options.isolationLevel === "NONE" || options.isolationLevel === "READ_UNCOMMITTED" ? "READ COMMITTED" : options.isolationLevel.replace("_", " ");
    return {
      write(chunk) {
        for (const r of chunk) rows.push(r);
      },
      async commit() {
        try {
          await sql.begin(async (tx) => {
            await tx.unsafe(`SET TRANSACTION ISOLATION LEVEL ${isolation}`);
            if (!exists) await tx.unsafe(createStatement(qualified, schema, options.createTableOptions));
            else if (ctx.mode === "overwrite" && options.truncate) await tx.unsafe(`TRUNCATE TABLE ONLY ${qualified}`);
            else if (ctx.mode === "overwrite") {
              await tx.unsafe(`DROP TABLE ${qualified}`);
              await tx.unsafe(createStatement(qualified, schema, options.createTableOptions));
            }
            for (let i = 0; i < rows.length; i += options.batchsize) {
              const parts = rows.slice(i, i + options.batchsize).map((r) =>
                `{${schema.fields.map((f, j) => `"c${j}":${jsonValue(r[j], f.dataType, true)}`).join(",")}}`);
              await tx.unsafe(insert, [`[${parts.join(",")}]`]);
            }
          });
        } catch (e) {
          fail(e, "Writing");
        } finally {
          await sql.end({ timeout: 5 }).catch(() => {});
        }
      },
      async abort() {
        await sql.end({ timeout: 1 }).catch(() => {});
      },
    };
  },
});
