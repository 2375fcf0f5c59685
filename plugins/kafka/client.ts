// What the Kafka source and sink share about talking to brokers: the client library (loaded on
// first use, so queries without Kafka never pay for it), the kafka.* settings it understands, and
// retrying through broker outages up to a named bound before failing with the servers' names.
import { externalError, SluiceError, userError, type Logger } from "sluice/plugin-sdk";

export type KafkaLib = typeof import("@platformatic/kafka");

let lib: Promise<KafkaLib> | undefined;

/** The client library, imported once. */
export function kafkaLib(): Promise<KafkaLib> {
  lib ??= import("@platformatic/kafka");
  return lib;
}

/** How long client operations keep retrying through a broker outage (Spark's default.api.timeout.ms). */
export const DEFAULT_API_TIMEOUT_MS = 60_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Pause between two tries while the brokers are unreachable: doubles from the first to the last. */
const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 2_000;

export interface KafkaConnection {
  servers: string[];
  /** Options for every client of the library (Admin, Consumer, Producer). */
  base: import("@platformatic/kafka").BaseOptions;
  /** Total time an operation may keep retrying on network errors. */
  apiTimeoutMs: number;
  /** 0 = read_uncommitted (Spark's default), 1 = read_committed. */
  isolationLevel: 0 | 1;
  maxPartitionFetchBytes: number;
  fetchMaxBytes: number;
}

/** kafka.* settings Sluice maps onto the client; any other is reported once and ignored. */
const UNDERSTOOD = new Set([
  "bootstrap.servers", "client.id", "group.id", "request.timeout.ms", "default.api.timeout.ms", "socket.connection.setup.timeout.ms",
  "isolation.level", "max.partition.fetch.bytes", "fetch.max.bytes", "security.protocol", "sasl.mechanism", "sasl.jaas.config",
  "sasl.username", "sasl.password", "ssl.endpoint.identification.algorithm", "metadata.max.age.ms",
  // Producer (sink) settings.
  "acks", "compression.type", "transactional.id", "transaction.timeout.ms", "enable.idempotence", "linger.ms", "batch.size",
  "max.request.size", "retries", "delivery.timeout.ms",
]);

export function connectionOf(params: Map<string, string>, clientId: string, log: Logger): KafkaConnection {
  const servers = (params.get("bootstrap.servers") ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  if (servers.length === 0) {
    throw userError("ILLEGAL_ARGUMENT", "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer");
  }
  const ignored = [...params.keys()].filter((k) => !UNDERSTOOD.has(k));
  if (ignored.length > 0) log.warn(`Kafka settings not used by Sluice's Kafka client, ignored: ${ignored.map((k) => `kafka.${k}`).join(", ")}`);
  const int = (key: string, fallback: number) => {
    const v = params.get(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw userError("ILLEGAL_ARGUMENT", `Invalid value '${v}' for kafka.${key}: expected a non-negative number`);
    return n;
  };
  const base: KafkaConnection["base"] = {
    clientId: params.get("client.id") ?? clientId,
    bootstrapBrokers: servers,
    connectTimeout: int("socket.connection.setup.timeout.ms", DEFAULT_CONNECT_TIMEOUT_MS),
    requestTimeout: int("request.timeout.ms", DEFAULT_REQUEST_TIMEOUT_MS),
    // One quick retry inside the library; the loop in withRetry covers longer outages.
    retries: 1,
    retryDelay: 100,
    metadataMaxAge: int("metadata.max.age.ms", 300_000),
    ...security(params),
  };
  const isolation = (params.get("isolation.level") ?? "read_uncommitted").toLowerCase();
  if (isolation !== "read_uncommitted" && isolation !== "read_committed") {
    throw userError("ILLEGAL_ARGUMENT", `Invalid value '${isolation}' for kafka.isolation.level: expected read_uncommitted or read_committed`);
  }
  return {
    servers,
    base,
    apiTimeoutMs: int("default.api.timeout.ms", DEFAULT_API_TIMEOUT_MS),
    isolationLevel: isolation === "read_committed" ? 1 : 0,
    maxPartitionFetchBytes: int("max.partition.fetch.bytes", 4 * 1024 * 1024),
    fetchMaxBytes: int("fetch.max.bytes", 32 * 1024 * 1024),
  };
}

/** kafka.security.protocol / sasl.* / ssl.* as the library takes them (PLAIN and SCRAM logins). */
function security(params: Map<string, string>): Record<string, unknown> {
  const protocol = (params.get("security.protocol") ?? "PLAINTEXT").toUpperCase();
  const out: Record<string, unknown> = {};
  if (protocol === "SSL" || protocol === "SASL_SSL") out.tls = {};
  if (protocol === "SASL_PLAINTEXT" || protocol === "SASL_SSL") {
    const mechanism = (params.get("sasl.mechanism") ?? "PLAIN").toUpperCase();
    const jaas = params.get("sasl.jaas.config") ?? "";
    const field = (name: string) => new RegExp(`${name}\\s*=\\s*"([^"]*)"`).exec(jaas)?.[1];
    out.sasl = {
      mechanism,
      username: params.get("sasl.username") ?? field("username"),
      password: params.get("sasl.password") ?? field("password"),
    };
  } else if (protocol !== "PLAINTEXT" && protocol !== "SSL") {
    throw userError("ILLEGAL_ARGUMENT", `Unsupported kafka.security.protocol '${protocol}': expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL`);
  }
  return out;
}

/** True for errors worth retrying: the broker is unreachable, restarting or moving leadership. */
export function isRetryable(e: unknown): boolean {
  if (e instanceof SluiceError) return false;
  const seen = new Set<unknown>();
  const walk = (x: unknown): boolean => {
    if (x === null || typeof x !== "object" || seen.has(x)) return false;
    seen.add(x);
    const err = x as { code?: unknown; canRetry?: unknown; errors?: unknown[]; cause?: unknown };
    if (err.canRetry === true) return true;
    if (err.code === "PLT_KFK_NETWORK" || err.code === "PLT_KFK_TIMEOUT") return true;
    if (typeof err.code === "string" && /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)$/.test(err.code)) return true;
    if (Array.isArray(err.errors) && err.errors.some(walk)) return true;
    return walk(err.cause);
  };
  return walk(e);
}

/** The innermost readable reason of a client error (the library nests them). */
export function reason(e: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  const walk = (x: unknown) => {
    if (x === null || typeof x !== "object" || seen.has(x) || parts.length >= 3) return;
    seen.add(x);
    const err = x as { message?: string; errors?: unknown[]; cause?: unknown };
    if (Array.isArray(err.errors) && err.errors.length > 0) err.errors.forEach(walk);
    else if (err.cause !== undefined) walk(err.cause);
    else if (err.message) parts.push(err.message);
  };
  walk(e);
  if (parts.length === 0) return e instanceof Error ? e.message : String(e);
  return [...new Set(parts)].join("; ");
}

export function unreachable(conn: KafkaConnection, waitedMs: number, e: unknown): SluiceError {
  return externalError(
    "KAFKA_BROKERS_UNREACHABLE",
    `Could not reach the Kafka brokers ${conn.servers.join(",")} (kafka.bootstrap.servers) within ${waitedMs} ms: ${reason(e)}`,
    { hint: "Check that the brokers are running and reachable from here; kafka.default.api.timeout.ms sets how long to keep trying.", cause: e },
  );
}

/**
 * Runs `op`, retrying on network errors with a growing pause until `conn.apiTimeoutMs` has passed,
 * then fails naming the servers. Other errors are thrown at once.
 */
export async function withRetry<T>(conn: KafkaConnection, op: (attempt: number) => Promise<T>, log?: Logger, what = "Kafka"): Promise<T> {
  const started = Date.now();
  let delay = FIRST_RETRY_DELAY_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await op(attempt);
    } catch (e) {
      if (!isRetryable(e)) throw e;
      const waited = Date.now() - started;
      if (waited + delay > conn.apiTimeoutMs) throw unreachable(conn, conn.apiTimeoutMs, e);
      if (attempt === 0) log?.warn(`${what}: brokers ${conn.servers.join(",")} not reachable (${reason(e)}); retrying for up to ${conn.apiTimeoutMs} ms`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
  }
}
