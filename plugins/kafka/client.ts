// What the Kafka source and sink share about talking to brokers: the client library (loaded on
// first use, so queries without Kafka never pay for it), the kafka.* settings it understands, and
// retrying through broker outages up to a named bound before failing with the servers' names.
import { externalError, SluiceError, userError, type Logger } from "sluice/plugin-sdk";
import { loadCodecs } from "./codecs.ts";
import { resolveTls, SECURITY_SETTINGS, type Security, securityOf } from "./security.ts";

export type KafkaLib = typeof import("@platformatic/kafka");

let lib: Promise<KafkaLib> | undefined;

/** The client library, imported once. */
export function kafkaLib(): Promise<KafkaLib> {
  lib ??= Promise.all([import("@platformatic/kafka"), loadCodecs()]).then(([m]) => m);
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
  /** kafka.check.crcs: verify the CRC-32C of every fetched record batch (Kafka's default). */
  checkCrcs: boolean;
  /** What the connection authenticates with, for error messages. */
  security: Security;
}

/** kafka.* settings Sluice maps onto the client; any other is reported once and ignored. */
const UNDERSTOOD = new Set([
  "bootstrap.servers", "client.id", "group.id", "request.timeout.ms", "default.api.timeout.ms", "socket.connection.setup.timeout.ms",
  "isolation.level", "max.partition.fetch.bytes", "fetch.max.bytes", "check.crcs", "metadata.max.age.ms", ...SECURITY_SETTINGS,
  // Producer (sink) settings.
  "acks", "compression.type", "transactional.id", "transaction.timeout.ms", "enable.idempotence", "linger.ms", "batch.size",
  "max.request.size", "retries", "delivery.timeout.ms", "max.block.ms", "retry.backoff.ms", "retry.backoff.max.ms",
]);

export function connectionOf(params: Map<string, string>, clientId: string, log: Logger): KafkaConnection {
  const servers = (params.get("bootstrap.servers") ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  if (servers.length === 0) {
    throw userError("ILLEGAL_ARGUMENT", "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer");
  }
  const ignored = [...params.keys()].filter((k) => !UNDERSTOOD.has(k));
  if (ignored.length > 0) log.warn(`Kafka settings not used by Sluice's Kafka client, ignored: ${ignored.map((k) => `kafka.${k}`).join(", ")}`);
  const bool = (key: string, fallback: boolean) => {
    const v = params.get(key)?.toLowerCase();
    if (v === undefined) return fallback;
    if (v !== "true" && v !== "false") throw userError("ILLEGAL_ARGUMENT", `Invalid value '${params.get(key)}' for kafka.${key}: expected true or false`);
    return v === "true";
  };
  const int = (key: string, fallback: number) => {
    const v = params.get(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw userError("ILLEGAL_ARGUMENT", `Invalid value '${v}' for kafka.${key}: expected a non-negative number`);
    return n;
  };
  const security = securityOf(params);
  const base: KafkaConnection["base"] = {
    clientId: params.get("client.id") ?? clientId,
    bootstrapBrokers: servers,
    connectTimeout: int("socket.connection.setup.timeout.ms", DEFAULT_CONNECT_TIMEOUT_MS),
    requestTimeout: int("request.timeout.ms", DEFAULT_REQUEST_TIMEOUT_MS),
    // One quick retry inside the library; the loop in withRetry covers longer outages.
    retries: 1,
    retryDelay: 100,
    metadataMaxAge: int("metadata.max.age.ms", 300_000),
    ...security.options,
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
    checkCrcs: bool("check.crcs", true),
    security,
  };
}

/**
 * Reads the trust and key stores a TLS connection needs (kafka.ssl.*) into the client options;
 * the store readers load only here, for connections that use TLS.
 */
export async function resolveSecurity(conn: KafkaConnection): Promise<void> {
  const tls = await resolveTls(conn.security);
  if (tls !== undefined) conn.base = { ...conn.base, tls };
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

/** Node's codes for a TLS peer that could not be verified. */
const TLS_CODES = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_SIGNATURE_FAILURE|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_.*|ERR_TLS_.*)$/;

/** The first error in the library's chain for which `test` holds. */
function findInChain(e: unknown, test: (x: { code?: unknown; message?: unknown }) => boolean): { code?: unknown; message?: unknown } | undefined {
  const seen = new Set<unknown>();
  const walk = (x: unknown): { code?: unknown; message?: unknown } | undefined => {
    if (x === null || typeof x !== "object" || seen.has(x)) return undefined;
    seen.add(x);
    const err = x as { code?: unknown; message?: unknown; errors?: unknown[]; cause?: unknown };
    if (test(err)) return err;
    for (const inner of Array.isArray(err.errors) ? err.errors : []) {
      const found = walk(inner);
      if (found) return found;
    }
    return walk(err.cause);
  };
  return walk(e);
}

/** The broker address a client error names ("Connection to 127.0.0.1:9093 …"), else the bootstrap servers. */
function brokerIn(conn: KafkaConnection, e: unknown): string {
  const named = findInChain(e, (x) => typeof x.message === "string" && /\b[\w.-]+:\d{2,5}\b/.test(x.message));
  const m = named ? /\b([\w.-]+:\d{2,5})\b/.exec(named.message as string) : null;
  return m ? m[1]! : conn.servers.join(",");
}

/**
 * Authentication and TLS failures, which no retry mends: a clear error naming the broker, the
 * protocol and the SASL mechanism, instead of retrying until the API timeout.
 */
export function securityFailure(conn: KafkaConnection, e: unknown): SluiceError | undefined {
  if (e instanceof SluiceError) return undefined;
  const s = conn.security;
  const auth = findInChain(e, (x) => x.code === "PLT_KFK_AUTHENTICATION");
  if (auth) {
    return externalError(
      "KAFKA_AUTHENTICATION_FAILED",
      `Authentication failed on Kafka broker ${brokerIn(conn, e)} (${s.protocol}, SASL mechanism ${s.mechanism ?? "none"}${s.user ? `, user '${s.user}'` : ""}): ${reason(e)}`,
      {
        hint: "Check the username and password in kafka.sasl.jaas.config and that the broker's listener enables kafka.sasl.mechanism.",
        cause: e,
      },
    );
  }
  const tls = findInChain(e, (x) => typeof x.code === "string" && TLS_CODES.test(x.code)) ??
    findInChain(e, (x) => typeof x.message === "string" && /TLS|SSL|certificate/i.test(x.message) && x.code !== "PLT_KFK_NETWORK");
  if (tls) {
    return externalError(
      "KAFKA_TLS_FAILED",
      `TLS with Kafka broker ${brokerIn(conn, e)} failed (${s.protocol}): ${String(tls.message ?? tls.code)}`,
      {
        hint: s.protocol === "SSL" || s.protocol === "SASL_SSL"
          ? "Check kafka.ssl.truststore.* (the CA that signed the broker's certificate), kafka.ssl.keystore.* when the broker requires client certificates, and kafka.ssl.endpoint.identification.algorithm."
          : "The broker's listener expects TLS: set kafka.security.protocol to SSL or SASL_SSL.",
        cause: e,
      },
    );
  }
  return undefined;
}

/**
 * Runs `op`, retrying on network errors with a growing pause until `conn.apiTimeoutMs` has passed,
 * then fails naming the servers. Other errors are thrown at once; authentication and TLS failures
 * as KAFKA_AUTHENTICATION_FAILED / KAFKA_TLS_FAILED.
 */
export async function withRetry<T>(conn: KafkaConnection, op: (attempt: number) => Promise<T>, log?: Logger, what = "Kafka"): Promise<T> {
  const started = Date.now();
  let delay = FIRST_RETRY_DELAY_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await op(attempt);
    } catch (e) {
      const denied = securityFailure(conn, e);
      if (denied) throw denied;
      if (!isRetryable(e)) throw e;
      const waited = Date.now() - started;
      if (waited + delay > conn.apiTimeoutMs) throw unreachable(conn, conn.apiTimeoutMs, e);
      if (attempt === 0) log?.warn(`${what}: brokers ${conn.servers.join(",")} not reachable (${reason(e)}); retrying for up to ${conn.apiTimeoutMs} ms`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
  }
}
