import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
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

// ---- where plugins enter the engine ----

const runtimeDir = resolve(import.meta.dir, "..");
const pluginsDir = resolve(runtimeDir, "..", "plugins");

function importedSpecifiers(source: string): string[] {
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;
  return [...source.matchAll(re)].map((m) => m[1]!);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

test("the engine imports plugins only in builtins.ts", () => {
  const offenders: string[] = [];
  for (const file of tsFiles(runtimeDir)) {
    if (file === join(import.meta.dir, "builtins.ts") || file === import.meta.path) continue;
    for (const spec of importedSpecifiers(readFileSync(file, "utf8"))) {
      if (spec.startsWith(".") && resolve(dirname(file), spec).startsWith(pluginsDir + "/")) {
        offenders.push(`${relative(runtimeDir, file)}: ${spec}`);
      }
    }
  }
  expect(offenders).toEqual([]);
});

test("sluice/plugin-sdk does not reach the built-in list (plugins import it while the list loads)", () => {
  const seen = new Set<string>();
  const stack = [join(runtimeDir, "plugin-sdk.ts")];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of importedSpecifiers(readFileSync(file, "utf8"))) {
      if (spec.startsWith(".")) stack.push(resolve(dirname(file), spec));
    }
  }
  expect(seen.size).toBeGreaterThan(10);
  expect([...seen].filter((f) => f === join(import.meta.dir, "builtins.ts") || f.startsWith(pluginsDir + "/") || f.includes("/runtime/api/session.ts"))).toEqual([]);
});
