import { expect, test } from "bun:test";
import { SluiceError } from "../errors.ts";
import { availableCores, byteStringAsBytes, executorSettings } from "./executor_settings.ts";

test("defaults: a worker per core, Spark's 128 MB splits with a 4 MB open cost", () => {
  const s = executorSettings(() => undefined);
  expect(s.workers).toBe(availableCores());
  expect(s.sizing).toEqual({ maxPartitionBytes: 128 * 2 ** 20, openCostInBytes: 4 * 2 ** 20, minPartitionNum: availableCores() });
  expect(s.minParallelBytes).toBe(8 * 2 ** 20);
});

test("values as Spark writes sizes", () => {
  expect(byteStringAsBytes("k", "134217728")).toBe(134217728);
  expect(byteStringAsBytes("k", "64m")).toBe(64 * 2 ** 20);
  expect(byteStringAsBytes("k", "1GB")).toBe(2 ** 30);
  const conf: Record<string, string> = { "sluice.executor.workers": "4", "spark.sql.files.minPartitionNum": "3" };
  const s = executorSettings((k) => conf[k]);
  expect(s.workers).toBe(4);
  expect(s.sizing.minPartitionNum).toBe(3);
});

test("a bad value names the setting", () => {
  for (const [key, value] of [["sluice.executor.workers", "0"], ["sluice.executor.workers", "two"], ["spark.sql.files.maxPartitionBytes", "12 parsecs"]] as const) {
    let err: unknown;
    try {
      executorSettings((k) => (k === key ? value : undefined));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SluiceError);
    expect((err as SluiceError).code).toBe("INVALID_CONF_VALUE");
    expect((err as SluiceError).message).toContain(`The value '${value}' in the config "${key}" is invalid.`);
  }
});
