import { expect, test } from "bun:test";
import { ManualClock } from "./manual_clock.ts";

test("time moves only when told", () => {
  const clock = new ManualClock(1000);
  expect(clock.nowMs()).toBe(1000);
  clock.advance(500);
  expect(clock.nowMs()).toBe(1500);
  clock.setTime(2000);
  expect(clock.nowMs()).toBe(2000);
  expect(() => clock.advance(-1)).toThrow(RangeError);
  expect(() => clock.setTime(1999)).toThrow(RangeError);
});

test("sleepers wake in wake-time order once the clock reaches them", async () => {
  const clock = new ManualClock(0);
  const woke: string[] = [];
  const late = clock.sleep(300).then(() => woke.push(`late@${clock.nowMs()}`));
  const early = clock.sleep(100).then(() => woke.push(`early@${clock.nowMs()}`));
  expect(clock.sleeping).toBe(2);
  expect(clock.nextWakeMs()).toBe(100);
  clock.advance(99);
  await Promise.resolve();
  expect(woke).toEqual([]);
  clock.advance(1000);
  await Promise.all([late, early]);
  expect(woke).toEqual(["early@1099", "late@1099"]);
  expect(clock.sleeping).toBe(0);
  expect(clock.nextWakeMs()).toBeUndefined();
});

test("a zero sleep resolves at once", async () => {
  await new ManualClock(0).sleep(0);
});

test("an aborted sleep rejects with the signal's reason and stops waiting", async () => {
  const clock = new ManualClock(0);
  const controller = new AbortController();
  const sleeping = clock.sleep(1000, controller.signal);
  controller.abort(new Error("stopped"));
  await expect(sleeping).rejects.toThrow("stopped");
  expect(clock.sleeping).toBe(0);
  await expect(clock.sleep(5, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
});

test("whenSleeping resolves once enough sleepers wait", async () => {
  const clock = new ManualClock(0);
  let ready = false;
  const waiting = clock.whenSleeping(2).then(() => (ready = true));
  void clock.sleep(10);
  await Promise.resolve();
  expect(ready).toBe(false);
  void clock.sleep(20);
  await waiting;
  expect(ready).toBe(true);
  await clock.whenSleeping(1);
  clock.advance(20);
});
