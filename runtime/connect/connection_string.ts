// Spark Connect's connection string, parsed as PySpark's ChannelBuilder does:
// sc://host[:port][/;key=value;…] with token, use_ssl, user_id, user_agent and session_id; any
// other key is sent as a gRPC header on every call.
import { userError } from "../errors.ts";

/** Spark Connect's default port. */
export const DEFAULT_CONNECT_PORT = 15002;

export interface ConnectionString {
  host: string;
  port: number;
  useSsl: boolean;
  token?: string;
  userId?: string;
  userAgent?: string;
  sessionId?: string;
  /** Other parameters: gRPC headers. */
  headers: Record<string, string>;
  /** The URL as given. */
  url: string;
}

const KNOWN = new Set(["token", "use_ssl", "user_id", "user_agent", "session_id"]);

function invalid(detail: string): never {
  throw userError("INVALID_CONNECT_URL", `Invalid URL for Spark Connect: ${detail}`, { sqlState: "22023" });
}

export function parseConnectionString(url: string): ConnectionString {
  if (!url.startsWith("sc://")) {
    invalid("The URL must start with 'sc://'. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.");
  }
  const rest = url.slice(5);
  const semi = rest.indexOf(";");
  const authorityAndPath = semi < 0 ? rest : rest.slice(0, semi);
  const params = semi < 0 ? "" : rest.slice(semi + 1);
  const slash = authorityAndPath.indexOf("/");
  const authority = slash < 0 ? authorityAndPath : authorityAndPath.slice(0, slash);
  const path = slash < 0 ? "" : authorityAndPath.slice(slash);
  if (path.length > 0 && path !== "/") {
    invalid(`The path component '${path}' must be empty. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.`);
  }
  const m = /^(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(authority);
  const host = m?.[1] ?? "";
  if (!m || host === "") {
    invalid(`Hostname is missing in the URL: '${url}'. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.`);
  }
  const port = m[2] ? Number(m[2]) : DEFAULT_CONNECT_PORT;
  const values: Record<string, string> = {};
  if (params.length > 0) {
    for (const p of params.split(";")) {
      const kv = p.split("=");
      if (kv.length !== 2) {
        invalid(`Parameter '${p}' should be provided as a key-value pair separated by an equal sign (=). Please update the parameter to follow the correct format, e.g., 'key=value'.`);
      }
      values[kv[0]!] = decodeURIComponent(kv[1]!);
    }
  }
  const sessionId = values.session_id;
  if (sessionId !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId)) {
    invalid(`Parameter value 'session_id' must be a valid UUID format: ${sessionId}`);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!KNOWN.has(k)) headers[k] = v;
  return {
    host,
    port,
    useSsl: (values.use_ssl ?? "").toLowerCase() === "true",
    token: values.token ?? process.env.SPARK_CONNECT_AUTHENTICATE_TOKEN,
    userId: values.user_id,
    userAgent: values.user_agent,
    sessionId,
    headers,
    url,
  };
}

/** The base URL the gRPC transport dials. */
export function baseUrlOf(c: ConnectionString): string {
  return `${c.useSsl || c.token !== undefined ? "https" : "http"}://${c.host}:${c.port}`;
}
