import { expect, test } from "bun:test";
import { EventTimeIndex, indexTime } from "./event_time_index.ts";

test("keys come out by time, then in the order they were added", () => {
  const ix = new EventTimeIndex();
  ix.add(30, "c");
  ix.add(10, "a");
  ix.add(10, "a2");
  ix.add(20, "b");
  ix.add(10, "a"); // already there
  expect(ix.size).toBe(4);
  expect(ix.keysBetween(-Infinity, 20)).toEqual(["a", "a2", "b"]);
  expect(ix.keysBetween(15, 30)).toEqual(["b", "c"]);
  ix.delete(10, "a");
  ix.delete(10, "a2");
  ix.delete(99, "x");
  expect(ix.minTime()).toBe(20);
  expect(ix.size).toBe(2);
  ix.clear();
  expect(ix.keysBetween(-Infinity, Infinity)).toEqual([]);
});

test("finding what expired costs what expired: 200 000 live keys, a few expire", () => {
  const ix = new EventTimeIndex();
  for (let i = 0; i < 200_000; i++) ix.add(1_000 + (i % 20_000), `k${i}`);
  expect(ix.keysBetween(-Infinity, 1_001)).toHaveLength(20);
});

test("bigint times are ordered as numbers", () => {
  expect(indexTime(10n ** 17n)).toBe(1e17);
  expect(indexTime(null)).toBeNull();
});
