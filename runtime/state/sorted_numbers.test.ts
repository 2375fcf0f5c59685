import { expect, test } from "bun:test";
import { BLOCK_MAX_NUMBERS, SortedNumbers } from "./sorted_numbers.ts";

test("keeps distinct numbers in order across many blocks, against a plain sorted array", () => {
  const s = new SortedNumbers();
  const model = new Set<number>();
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 20 * BLOCK_MAX_NUMBERS; i++) {
    const x = Math.floor(rnd() * 5000) - 2500;
    if (rnd() < 0.7) expect(s.insert(x)).toBe(!model.has(x)), model.add(x);
    else expect(s.remove(x)).toBe(model.has(x)), model.delete(x);
  }
  const sorted = [...model].sort((a, b) => a - b);
  expect(s.size).toBe(sorted.length);
  expect([...s.range()]).toEqual(sorted);
  expect(s.min()).toBe(sorted[0]);
  expect([...s.range(-100, 100)]).toEqual(sorted.filter((x) => x >= -100 && x <= 100));
  expect([...s.range(10_000)]).toEqual([]);
  for (const x of sorted.slice(0, 10)) expect(s.has(x)).toBe(true);
});

test("empty, single and cleared sets", () => {
  const s = new SortedNumbers();
  expect([...s.range()]).toEqual([]);
  expect(s.remove(1)).toBe(false);
  expect(s.min()).toBeUndefined();
  s.insert(3);
  s.insert(1.5);
  expect([...s.range(1.5, 1.5)]).toEqual([1.5]);
  s.clear();
  expect(s.size).toBe(0);
  expect(s.has(3)).toBe(false);
});
