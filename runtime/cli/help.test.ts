import { expect, test } from "bun:test";
import { helpText } from "./help.ts";

test("`sluice help run` documents the executor's worker threads", () => {
  const text = helpText("run").replace(/\s+/g, " ");
  expect(text).toContain("sluice.executor.workers (beyond Spark; default: the machine's cores)");
  expect(text).toContain("sluice.executor.minParallelBytes (default 8388608)");
});
