// Runs under both `deno task test` and `bun test` (node:test and node:assert exist in both), so each
// runtime proves it resolves "sluice" and the npm dependencies the same way from a fresh `npm ci`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Ajv } from "ajv";
import { Hono } from "hono";
import * as byName from "sluice";
import * as byPath from "../../runtime/mod.ts";
import * as sdkByName from "sluice/plugin-sdk";
import * as sdkByPath from "../../runtime/plugin-sdk.ts";
import { platform } from "../../runtime/platform/mod.ts";
import deno from "../../deno.json" with { type: "json" };
import pkg from "../../package.json" with { type: "json" };

describe(`module resolution under ${platform.runtime}`, () => {
  test("the platform layer names the runtime it runs on", () => {
    assert.equal(platform.runtime, "Deno" in globalThis ? "deno" : "bun");
  });

  test("\"sluice\" is runtime/mod.ts itself, not a second copy of the engine", () => {
    // Compare what the module exports: when the CLI serves "sluice" to plugins (Bun.plugin) earlier
    // in the same process, the namespace object differs but every export is the same object.
    for (const name of Object.keys(byPath)) assert.equal((byName as Record<string, unknown>)[name], (byPath as Record<string, unknown>)[name], name);
    assert.deepEqual(Object.keys(byName).sort(), Object.keys(byPath).sort());
  });

  test("\"sluice/plugin-sdk\" is runtime/plugin-sdk.ts itself, sharing the engine's classes", () => {
    for (const name of Object.keys(sdkByPath)) assert.equal((sdkByName as Record<string, unknown>)[name], (sdkByPath as Record<string, unknown>)[name], name);
    assert.deepEqual(Object.keys(sdkByName).sort(), Object.keys(sdkByPath).sort());
    // One SluiceError class for the engine and plugins: `instanceof` works across the two entries.
    assert.equal(sdkByName.SluiceError, byName.SluiceError);
    assert.equal(sdkByName.defineSource, byName.defineSource);
  });

  test("ajv and hono load from node_modules", () => {
    const validate = new Ajv().compile({ type: "object", required: ["a"] });
    assert.equal(validate({ a: 1 }), true);
    assert.equal(validate({}), false);
    assert.equal(typeof new Hono().fetch, "function");
  });

  test("deno.json maps every dependency to the version range package.json installs", () => {
    const imports: Record<string, string> = deno.imports;
    for (const [name, range] of Object.entries(pkg.dependencies)) {
      const expected = `npm:${name}@${range}`;
      assert.equal(imports[name], expected, `deno.json needs "imports": { "${name}": "${expected}" }`);
    }
  });
});
