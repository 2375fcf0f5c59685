// Built-in plugins are written as a user's plugin must be: from the engine they import only
// "sluice", "sluice/plugin-sdk" and "sluice/testing"; besides that npm packages, node: modules and
// files inside plugins/ (tests may also use the test services in scripts/ and bun:test).
import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const pluginsDir = import.meta.dir;
const root = resolve(pluginsDir, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, Record<string, string>>;
const packages = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
const ENGINE_ENTRIES = new Set(["sluice", "sluice/plugin-sdk", "sluice/testing"]);

/** Every module specifier a file imports or re-exports, statically or with import(), types included. */
function importedSpecifiers(source: string): string[] {
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;
  return [...source.matchAll(re)].map((m) => m[1]!);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : tsFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

function packageName(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

function problem(file: string, spec: string): string | undefined {
  const isTest = /(^|\/)(test_[^/]*|[^/]*\.test)\.ts$/.test(file);
  if (ENGINE_ENTRIES.has(spec) || spec.startsWith("node:")) return undefined;
  if (spec === "bun:test") return isTest ? undefined : "bun:test outside a test";
  if (spec.startsWith(".")) {
    const target = resolve(dirname(file), spec);
    if (target.startsWith(pluginsDir + "/")) return undefined;
    if (isTest && target.startsWith(join(root, "scripts") + "/")) return undefined;
    return `reaches outside plugins/ (${relative(root, target)}); import the engine from "sluice/plugin-sdk"`;
  }
  if (spec.startsWith("sluice")) return `"${spec}" is not a public entry (use "sluice", "sluice/plugin-sdk" or "sluice/testing")`;
  return packages.has(packageName(spec)) ? undefined : `"${spec}" is not a package in package.json`;
}

test("built-in plugins import the engine only through its public entries", () => {
  // This file's own examples of forbidden imports are strings, not imports.
  const files = tsFiles(pluginsDir).filter((f) => f !== import.meta.path);
  expect(files.length).toBeGreaterThan(50);
  const problems: string[] = [];
  for (const file of files) {
    for (const spec of importedSpecifiers(readFileSync(file, "utf8"))) {
      const p = problem(file, spec);
      if (p) problems.push(`${relative(root, file)}: ${spec}: ${p}`);
    }
  }
  expect(problems).toEqual([]);
});

test("the rule catches engine paths, type-only imports and dynamic imports", () => {
  const file = join(pluginsDir, "kafka", "source.ts");
  const found = importedSpecifiers([
    `import type { Plan } from "../../runtime/plan/plan.ts";`,
    `export { x } from "./reader.ts";`,
    `const m = await import("../../runtime/api/session.ts");`,
    `import "sluice/internal";`,
  ].join("\n"));
  expect(found).toEqual(["../../runtime/plan/plan.ts", "./reader.ts", "../../runtime/api/session.ts", "sluice/internal"]);
  expect(found.map((s) => problem(file, s) === undefined)).toEqual([false, true, false, false]);
  expect(problem(join(pluginsDir, "kafka", "sink.test.ts"), "../../scripts/kafka/service.ts")).toBeUndefined();
  expect(problem(file, "../../scripts/kafka/service.ts")).toBeDefined();
  expect(problem(file, "bun:test")).toBeDefined();
  expect(problem(file, "left-pad")).toBeDefined();
});
