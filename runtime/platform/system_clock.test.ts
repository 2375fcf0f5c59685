import { expect, test } from "bun:test";
import { SystemClock, systemClock } from "./system_clock.ts";

test("nowMs is wall time", () => {
  const before = Date.now();
  const now = systemClock.nowMs();
  expect(now).toBeGreaterThanOrEqual(before);
  expect(now).toBeLessThanOrEqual(Date.now());
});

test("sleep waits for a timer and can be aborted", async () => {
  const clock = new SystemClock();
  const start = Date.now();
  await clock.sleep(5);
  expect(Date.now() - start).toBeGreaterThanOrEqual(4);
  const controller = new AbortController();
  const sleeping = clock.sleep(60_000, controller.signal);
  controller.abort(new Error("stopped"));
  await expect(sleeping).rejects.toThrow("stopped");
  await expect(clock.sleep(1, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
});
