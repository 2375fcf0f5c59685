// The real clock: wall time and timers. Tests use ManualClock (sluice/testing) instead.
import type { Clock } from "../plugin/contract.ts";

export class SystemClock implements Clock {
  nowMs(): number {
    return Date.now();
  }

  /** Resolves after `ms`; rejects with `signal.reason` if the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}

export const systemClock: Clock = new SystemClock();
