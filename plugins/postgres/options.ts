// The PostgreSQL sink's options: the JSON Schema and the connection settings they give.
import { userError, timeStringAsMs, type OptionsSchema } from "sluice/plugin-sdk";

export interface PostgresSinkOptions {
  url?: string;
  host?: string;
  port: number;
  user?: string;
  password?: string;
  database?: string;
  ssl: boolean;
  table: string;
  mode: "append" | "upsert";
  primaryKey?: string;
  createTable: boolean;
  progressTable: string;
  maxAttempts?: number;
  retryTimeout: string;
  retryBackoff: string;
  connectTimeout: string;
}

export const POSTGRES_SINK_OPTIONS: OptionsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["table"],
  properties: {
    url: {
      type: "string",
      description: "Connection URL, postgres://user:password@host:port/database (or give host, port, user, password, database).",
    },
    host: { type: "string", description: "Server host (when no url is given)." },
    port: { type: "integer", minimum: 1, maximum: 65535, default: 5432, description: "Server port (when no url is given)." },
    user: { type: "string", description: "User name (when no url is given, or to override the url's)." },
    password: { type: "string", description: "Password (when no url is given, or to override the url's)." },
    database: { type: "string", description: "Database name (when no url is given, or to override the url's)." },
    ssl: { type: "boolean", default: false, description: "Connect with TLS." },
    table: { type: "string", minLength: 1, description: "The table to write, optionally schema-qualified: revenue or analytics.revenue." },
    mode: {
      enum: ["append", "upsert"],
      default: "append",
      description:
        "append: INSERT every row. upsert: INSERT … ON CONFLICT (primary key) DO UPDATE, for update-mode queries. Complete-mode queries replace the table's rows in each batch's transaction.",
    },
    primaryKey: {
      type: "string",
      description: "Comma-separated key columns for upsert (default: the table's primary key). Used as the primary key when Sluice creates the table.",
    },
    createTable: {
      type: "boolean",
      default: false,
      description: "Create the table from the query's schema if it does not exist (types: see the plugin's documentation).",
    },
    progressTable: {
      type: "string",
      minLength: 1,
      default: "sluice_progress",
      description:
        "Table recording the last batch id written per query and table, in the same transaction as the batch's rows: a replayed batch is skipped (exactly-once).",
    },
    retryTimeout: {
      type: "string",
      format: "duration",
      default: "60s",
      description:
        "How long connection failures are retried (a database restart, a failover) before the query stops with the error, counted from a batch's first failed try; tables are prepared the same way. Each try is one transaction, so nothing is written twice. 0 tries once.",
    },
    maxAttempts: {
      type: "integer",
      minimum: 1,
      description: "At most this many tries per batch when the connection fails (default: as many as retryTimeout allows).",
    },
    retryBackoff: {
      type: "string",
      format: "duration",
      default: "500ms",
      description: "Pause before the second try; it doubles for each further try, up to 5s.",
    },
    connectTimeout: { type: "string", format: "duration", default: "10s", description: "How long to wait for a connection." },
  },
};

export interface ConnectionSettings {
  url?: string;
  options: Record<string, unknown>;
  /** host:port/database, for messages (never the password). */
  display: string;
}

export function connectionSettings(o: PostgresSinkOptions): ConnectionSettings {
  if (o.url === undefined && o.host === undefined) {
    throw userError("POSTGRES_CONNECTION_MISSING", "The postgres sink needs either the option 'url' or the option 'host'.", {
      hint: 'e.g. .option("url", "postgres://user:password@localhost:5432/db")',
    });
  }
  const options: Record<string, unknown> = {
    max: 1,
    idle_timeout: 60,
    connect_timeout: Math.max(1, Math.ceil(timeStringAsMs(o.connectTimeout) / 1000)),
    onnotice: () => {},
    connection: { application_name: "sluice" },
    ssl: o.ssl ? "require" : false,
  };
  if (o.host !== undefined) options.host = o.host;
  if (o.url === undefined || o.host !== undefined) options.port = o.port;
  if (o.user !== undefined) options.username = o.user;
  if (o.password !== undefined) options.password = o.password;
  if (o.database !== undefined) options.database = o.database;
  let display: string;
  if (o.url !== undefined) {
    try {
      const u = new URL(o.url);
      display = `${o.host ?? u.hostname}:${o.host !== undefined ? o.port : u.port || 5432}/${o.database ?? u.pathname.slice(1)}`;
    } catch {
      throw userError("POSTGRES_URL_INVALID", `The option 'url' is not a connection URL: ${o.url.replace(/:[^:@/]*@/, ":***@")}`, {
        hint: "Expected postgres://user:password@host:port/database",
      });
    }
  } else display = `${o.host}:${o.port}/${o.database ?? o.user ?? ""}`;
  return { url: o.url, options, display };
}

/** `schema.table` or `table` split into its parts (quotes allowed around each). */
export function tableName(text: string): { schema?: string; name: string } {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^."]+))\s*(?:\.|$)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < text.length && (m = re.exec(text)) !== null) {
    parts.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!.trim().toLowerCase());
    at = re.lastIndex;
  }
  if (parts.length === 0 || parts.length > 2 || at < text.length) {
    throw userError("POSTGRES_TABLE_NAME_INVALID", `Invalid table name '${text}': expected table or schema.table`);
  }
  return parts.length === 2 ? { schema: parts[0], name: parts[1]! } : { name: parts[0]! };
}

export const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
