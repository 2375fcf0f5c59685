// Spark Connect's retry policy, as PySpark's DefaultPolicy and the Scala client's RetryPolicy:
// UNAVAILABLE, INTERNAL with INVALID_CURSOR.DISCONNECTED, and any error carrying a RetryInfo are
// retried up to 15 times with exponential backoff (50 ms × 4ⁿ, at most 60 s, plus up to 500 ms of
// jitter once the wait reaches 2 s); a server's RetryInfo delay (at most 10 minutes) overrides.
import { Code, ConnectError } from "@connectrpc/connect";
import { RetryInfoSchema } from "../gen/google/rpc/error_details_pb.ts";

export interface RetryPolicy {
  maxRetries: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  backoffMultiplier: number;
  jitterMs: number;
  minJitterThresholdMs: number;
  maxServerRetryDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 15,
  initialBackoffMs: 50,
  maxBackoffMs: 60_000,
  backoffMultiplier: 4,
  jitterMs: 500,
  minJitterThresholdMs: 2_000,
  maxServerRetryDelayMs: 600_000,
};

/** Thrown inside a retried block to retry at once (a reattach that must start over). */
export class RetryNow extends Error {}

function serverRetryDelayMs(e: unknown): number | undefined {
  if (!(e instanceof ConnectError)) return undefined;
  const info = e.findDetails(RetryInfoSchema)[0];
  if (!info?.retryDelay) return undefined;
  return Number(info.retryDelay.seconds) * 1000 + Math.floor(info.retryDelay.nanos / 1e6);
}

/**
 * A connection that broke under a call (reset, closed, its HTTP/2 stream cancelled by the
 * transport) rather than a status the server sent: gRPC's C and Java clients, which Spark's
 * clients use, report it as UNAVAILABLE; node:http2 as a cancelled or internal stream error.
 */
const TRANSPORT_FAILURE = /http\/2 stream closed|ERR_HTTP2_|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|premature close/i;

export function isRetryable(e: unknown): boolean {
  if (e instanceof RetryNow) return true;
  if (!(e instanceof ConnectError)) return false;
  if (e.code === Code.Internal && e.rawMessage.includes("INVALID_CURSOR.DISCONNECTED")) return true;
  if (e.code === Code.Unavailable) return true;
  if ((e.code === Code.Canceled || e.code === Code.Internal || e.code === Code.Unknown) && TRANSPORT_FAILURE.test(e.rawMessage)) return true;
  return serverRetryDelayMs(e) !== undefined;
}

/** Runs `attempt` until it succeeds, fails with an error that is not retryable, or retries run out. */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)), random: () => number = Math.random): Promise<T> {
  let retries = 0;
  let nextWait = policy.initialBackoffMs;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!isRetryable(e)) throw e;
      if (e instanceof RetryNow) continue;
      if (retries >= policy.maxRetries) throw e;
      retries++;
      let wait = nextWait;
      nextWait = Math.min(policy.maxBackoffMs, wait * policy.backoffMultiplier);
      const server = serverRetryDelayMs(e);
      if (server !== undefined) wait = Math.max(wait, Math.min(server, policy.maxServerRetryDelayMs));
      if (wait >= policy.minJitterThresholdMs) wait += random() * policy.jitterMs;
      await sleep(Math.floor(wait));
    }
  }
}
