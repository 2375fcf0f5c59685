import { expect, test } from "bun:test";
import { batchParallelism, MIN_PARALLEL_BYTES_DEFAULT } from "./batch_parallelism.ts";

const MB = 1024 * 1024;
const splits = (n: number, bytes: number) => Array.from({ length: n }, () => ({ bytes }));

test("a small batch runs inline, whatever the workers", () => {
  expect(batchParallelism(splits(4, 1000), 4, MIN_PARALLEL_BYTES_DEFAULT)).toBe(1);
});

test("one split, or one worker, runs inline", () => {
  expect(batchParallelism(splits(1, 500 * MB), 4, MIN_PARALLEL_BYTES_DEFAULT)).toBe(1);
  expect(batchParallelism(splits(8, 100 * MB), 1, MIN_PARALLEL_BYTES_DEFAULT)).toBe(1);
});

test("a large batch uses a worker per split, at most the workers there are", () => {
  expect(batchParallelism(splits(3, 100 * MB), 8, MIN_PARALLEL_BYTES_DEFAULT)).toBe(3);
  expect(batchParallelism(splits(8, 100 * MB), 2, MIN_PARALLEL_BYTES_DEFAULT)).toBe(2);
  expect(batchParallelism(splits(2, 5 * MB), 2, 8 * MB)).toBe(2);
});
