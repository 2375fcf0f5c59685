import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { SluiceError } from "../errors.ts";
import { loadPlugins, pluginFiles, pluginPathsFromEnv } from "./loader.ts";
import { PluginRegistry } from "./registry.ts";

const root = mkdtempSync(join(tmpdir(), "sluice-loader-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const contract = pathToFileURL(join(import.meta.dir, "contract.ts")).href;

function write(path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(join(full, ".."), { recursive: true });
  writeFileSync(full, text);
  return full;
}

function sourceModule(name: string): string {
  return `import { defineSource } from ${JSON.stringify(contract)};
export default defineSource({
  name: ${JSON.stringify(name)},
  summary: "A test source.",
  options: { type: "object", properties: {} },
  schema() { throw new Error("unused"); },
  create() { throw new Error("unused"); },
});
`;
}

async function errorOf(promise: Promise<unknown>): Promise<SluiceError> {
  try {
    await promise;
  } catch (e) {
    return e as SluiceError;
  }
  throw new Error("expected an error");
}

describe("loadPlugins", () => {
  test("loads a single file", async () => {
    const file = write("single/one.ts", sourceModule("one"));
    const registry = new PluginRegistry();
    const loaded = await loadPlugins(registry, file);
    expect(loaded.map((p) => [p.definition.name, p.origin])).toEqual([["one", file]]);
    expect(registry.source("ONE").name).toBe("one");
  });

  test("loads every module in a directory and <dir>/*/mod.ts, skipping tests and declarations", async () => {
    write("dir/alpha.ts", sourceModule("alpha"));
    write("dir/beta.mjs", `export default { kind: "sink", name: "beta", summary: "A test sink.",
      options: { type: "object" }, outputModes: ["append"], create() {} };\n`);
    write("dir/gamma/mod.ts", sourceModule("gamma"));
    write("dir/gamma/helper.ts", "export const x = 1;\n");
    write("dir/alpha.test.ts", "throw new Error('tests are not plugins');\n");
    write("dir/types.d.ts", "export type T = number;\n");
    write("dir/notes.md", "not code\n");
    const registry = new PluginRegistry();
    const loaded = await loadPlugins(registry, join(root, "dir"));
    expect(loaded.map((p) => `${p.definition.kind}:${p.definition.name}`)).toEqual(["source:alpha", "sink:beta", "source:gamma"]);
    expect(pluginFiles(join(root, "dir"))).toEqual([
      join(root, "dir/alpha.ts"),
      join(root, "dir/beta.mjs"),
      join(root, "dir/gamma/mod.ts"),
    ]);
  });

  test("a folder with its own mod.ts is one plugin: its other modules are helpers, not plugins", async () => {
    write("folder/helper.ts", "export const greeting = 'hi';\n");
    const main = write("folder/mod.ts", sourceModule("folder").replace('summary: "A test source."', 'summary: (await import("./helper.ts")).greeting'));
    write("folder/mod.test.ts", "throw new Error('tests are not plugins');\n");
    expect(pluginFiles(join(root, "folder"))).toEqual([main]);
    const loaded = await loadPlugins(new PluginRegistry(), join(root, "folder"));
    expect(loaded.map((p) => [p.definition.summary, p.origin])).toEqual([["hi", main]]);
  });

  test("a module whose default export is not a definition is PLUGIN_INVALID, naming the file and the problem", async () => {
    const plain = write("bad/plain.ts", `export default { name: "plain", summary: "s", options: {}, create() {} };\n`);
    const err = await errorOf(loadPlugins(new PluginRegistry(), plain));
    expect(err.code).toBe("PLUGIN_INVALID");
    expect(err.bareMessage).toBe(
      `${plain} is not a valid plugin:\n  - it has no \`kind\`: wrap the definition in defineSource(...) or defineSink(...)`,
    );
  });

  test("a module without a default export says so, pointing at a named definition", async () => {
    const named = write("bad/named.ts", sourceModule("named").replace("export default", "export const mySource ="));
    const err = await errorOf(loadPlugins(new PluginRegistry(), named));
    expect(err.code).toBe("PLUGIN_INVALID");
    expect(err.bareMessage).toContain("it has no default export. It exports mySource by name; make it the default export.");
  });

  test("a module that fails to import is PLUGIN_LOAD_FAILED", async () => {
    const broken = write("bad/broken.ts", "throw new Error('boom');\nexport default 1;\n");
    const err = await errorOf(loadPlugins(new PluginRegistry(), broken));
    expect(err.code).toBe("PLUGIN_LOAD_FAILED");
    expect(err.bareMessage).toBe(`Could not load the plugin ${broken}: boom`);
  });

  test("a plugin clashing with a built-in names both", async () => {
    const file = write("clash/rate.ts", sourceModule("rate"));
    const registry = new PluginRegistry();
    registry.register((await import(file)).default, "builtin");
    const copy = write("clash2/rate.ts", sourceModule("Rate"));
    const err = await errorOf(loadPlugins(registry, copy));
    expect(err.code).toBe("PLUGIN_DUPLICATE_NAME");
    expect(err.bareMessage).toBe(`Two plugins define the source 'Rate': a built-in plugin and ${copy}.`);
  });

  test("a missing path or a non-module file is refused", async () => {
    expect((await errorOf(loadPlugins(new PluginRegistry(), join(root, "nowhere")))).code).toBe("PLUGIN_PATH_NOT_FOUND");
    const md = write("other/readme.md", "hi\n");
    expect((await errorOf(loadPlugins(new PluginRegistry(), md))).code).toBe("PLUGIN_INVALID");
  });
});

test("pluginPathsFromEnv splits SLUICE_PLUGIN_PATH on the platform's delimiter", () => {
  expect(pluginPathsFromEnv({})).toEqual([]);
  expect(pluginPathsFromEnv({ SLUICE_PLUGIN_PATH: ["/a", " /b ", "", "/c/d.ts"].join(delimiter) })).toEqual([
    "/a",
    "/b",
    "/c/d.ts",
  ]);
});
