// A clock tests move by hand, so nothing ever waits on real time. Sleepers wake, in the order of
// their wake-up times, when advance()/setTime() moves the clock to or past that time.
import type { Clock } from "../plugin/contract.ts";

interface Sleeper {
  wakeAtMs: number;
  resolve: () => void;
}

export class ManualClock implements Clock {
  #nowMs: number;
  #sleepers: Sleeper[] = [];
  #sleepWaiters: { count: number; resolve: () => void }[] = [];

  constructor(startMs = 0) {
    this.#nowMs = startMs;
  }

  nowMs(): number {
    return this.#nowMs;
  }

  /** Resolves once the clock reaches now + `ms`; rejects with `signal.reason` if aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = {
        wakeAtMs: this.#nowMs + ms,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#sleepers.push(sleeper);
      this.#notifySleepWaiters();
    });
  }

  /** Moves time forward by `ms` and wakes every sleeper due by then. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError(`ManualClock cannot go back in time (advance by ${ms} ms)`);
    this.setTime(this.#nowMs + ms);
  }

  /** Sets the time (never backwards) and wakes every sleeper due by then. */
  setTime(ms: number): void {
    if (ms < this.#nowMs) throw new RangeError(`ManualClock cannot go back in time (${ms} < ${this.#nowMs})`);
    this.#nowMs = ms;
    const due = this.#sleepers.filter((s) => s.wakeAtMs <= ms).sort((a, b) => a.wakeAtMs - b.wakeAtMs);
    this.#sleepers = this.#sleepers.filter((s) => s.wakeAtMs > ms);
    for (const s of due) s.resolve();
  }

  /** How many sleep() calls are waiting. */
  get sleeping(): number {
    return this.#sleepers.length;
  }

  /** The earliest time a sleeper wants to wake at, if any is waiting. */
  nextWakeMs(): number | undefined {
    return this.#sleepers.length === 0 ? undefined : Math.min(...this.#sleepers.map((s) => s.wakeAtMs));
  }

  /** Resolves once at least `count` sleepers are waiting (e.g. the scheduler is idle between triggers). */
  whenSleeping(count = 1): Promise<void> {
    if (this.#sleepers.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#sleepWaiters.push({ count, resolve }));
  }

  #notifySleepWaiters(): void {
    const ready = this.#sleepWaiters.filter((w) => this.#sleepers.length >= w.count);
    this.#sleepWaiters = this.#sleepWaiters.filter((w) => this.#sleepers.length < w.count);
    for (const w of ready) w.resolve();
  }
}
