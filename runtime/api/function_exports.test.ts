import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as sluice from "../mod.ts";
import { functionExportsSource } from "./function_exports_source.ts";

test("function_exports.ts is up to date (else run: bun scripts/gen_function_exports.ts)", () => {
  expect(readFileSync(join(import.meta.dir, "function_exports.ts"), "utf8")).toBe(functionExportsSource());
});

test('every F. function is a named export of "sluice", the very same function', () => {
  const named = sluice as unknown as Record<string, unknown>;
  const missing = Object.keys(sluice.functions).filter((name) => named[name] !== (sluice.functions as Record<string, unknown>)[name]);
  expect(missing).toEqual([]);
});
