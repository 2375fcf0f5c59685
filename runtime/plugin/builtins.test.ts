import { expect, test } from "bun:test";
import { definitionProblems } from "./check_definition.ts";
import { BUILTIN_PLUGINS, registerBuiltins } from "./builtins.ts";
import { formatPluginDescription } from "./describe.ts";
import { PluginRegistry } from "./registry.ts";

test("every built-in plugin is a valid definition and registers as builtin", () => {
  const registry = new PluginRegistry();
  registerBuiltins(registry);
  for (const def of BUILTIN_PLUGINS) {
    expect(definitionProblems(def)).toEqual([]);
    expect(registry.find(def.kind, def.name)?.origin).toBe("builtin");
    expect(formatPluginDescription(def)).toContain(`${def.name} (${def.kind})`);
  }
  expect(registry.source("rate").name).toBe("rate");
  expect(registry.source("rate-micro-batch").name).toBe("rate-micro-batch");
});

test("registering the built-ins twice in one registry is harmless", () => {
  const registry = new PluginRegistry();
  registerBuiltins(registry);
  registerBuiltins(registry);
  expect(registry.list().length).toBe(BUILTIN_PLUGINS.length);
});
