// Connection failures are retried for a while (retryTimeout, 60 s by default, like the Kafka
// source riding through a broker outage): a database restart or failover must not stop a query.
// Each try is a whole transaction, so a retry never writes anything twice.
import { SluiceError, type Logger } from "sluice/plugin-sdk";

export interface RetrySettings {
  /** How long after the first failed try more tries are made. */
  retryTimeoutMs: number;
  /** At most this many tries (undefined: as many as the timeout allows). */
  maxAttempts: number | undefined;
  /** The pause before the second try; it doubles up to MAX_BACKOFF_MS. */
  retryBackoffMs: number;
}

/** The longest pause between tries: a database that is back is used within this long. */
export const MAX_BACKOFF_MS = 5_000;

/** What gave up: the last error, how many tries, and for how long failures were retried. */
export interface GaveUp {
  error: unknown;
  tries: number;
  retriedMs: number;
}

/**
 * Runs `attempt` until it succeeds, retrying transient connection failures within the settings;
 * other errors are thrown at once. `giveUp` makes the error thrown when the retries run out.
 */
export async function withRetries<T>(
  s: RetrySettings,
  what: string,
  log: Logger,
  attempt: () => Promise<T>,
  giveUp: (g: GaveUp) => Error,
): Promise<T> {
  let delay = s.retryBackoffMs;
  let firstFailure: number | undefined;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (e) {
      if (e instanceof SluiceError || !isTransient(e)) throw e;
      const now = performance.now();
      firstFailure ??= now;
      const retriedMs = now - firstFailure;
      const left = s.retryTimeoutMs - retriedMs;
      if (left <= 0 || (s.maxAttempts !== undefined && tries >= s.maxAttempts)) throw giveUp({ error: e, tries, retriedMs });
      const pause = Math.max(0, Math.min(delay, left));
      const budget = s.maxAttempts !== undefined ? `try ${tries} of ${s.maxAttempts}` : `try ${tries}`;
      log.warn(`postgres sink: ${what}, ${budget} failed (${describe(e)}); retrying in ${Math.round(pause)} ms (for up to ${Math.ceil(left / 1000)} s more)`);
      await new Promise((r) => setTimeout(r, pause));
      delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    }
  }
}

/** SQLSTATE classes and client codes that mean "try again": the connection, not the batch, failed. */
export function isTransient(e: unknown): boolean {
  const err = e as { code?: unknown; errno?: unknown };
  const code = typeof err?.code === "string" ? err.code : "";
  if (/^08/.test(code)) return true; // connection exception
  if (["57P01", "57P02", "57P03", "40001", "40P01", "53300"].includes(code)) return true;
  return /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED)$/.test(code);
}

export function describe(e: unknown): string {
  const err = e as { message?: string; code?: string; detail?: string };
  const text = err?.message ?? String(e);
  return err?.detail ? `${text} (${err.detail})` : text;
}
