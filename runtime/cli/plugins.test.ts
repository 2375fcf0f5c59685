import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SluiceError } from "../errors.ts";
import { pluginsText } from "./plugins.ts";

const root = mkdtempSync(join(tmpdir(), "sluice-plugins-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const contract = pathToFileURL(join(import.meta.dir, "../plugin/contract.ts")).href;

function plugin(path: string, kind: "source" | "sink", name: string, summary: string): string {
  const full = join(root, path);
  mkdirSync(join(full, ".."), { recursive: true });
  const fields = kind === "source"
    ? `schema() { throw new Error("unused"); },`
    : `outputModes: ["append"],`;
  writeFileSync(full, `import { define${kind === "source" ? "Source" : "Sink"} } from ${JSON.stringify(contract)};
export default define${kind === "source" ? "Source" : "Sink"}({
  name: ${JSON.stringify(name)}, summary: ${JSON.stringify(summary)}, ${fields}
  options: { type: "object", properties: { url: { type: "string", description: "Where to go." } } },
  examples: [{ title: "Somewhere", options: { url: "http://x" } }],
  create() { throw new Error("unused"); },
});
`);
  return full;
}

async function errorOf(promise: Promise<unknown>): Promise<SluiceError> {
  try {
    await promise;
  } catch (e) {
    return e as SluiceError;
  }
  throw new Error("expected an error");
}

test("list shows the built-ins, then SLUICE_PLUGIN_PATH and --plugin plugins with their files", async () => {
  const fromEnv = plugin("env/feed.ts", "source", "feed", "Reads a feed.");
  const fromFlag = plugin("flag/hook/mod.ts", "sink", "hook", "Posts batches.");
  const text = await pluginsText({ command: "plugins", action: "list", plugins: [join(root, "flag")] }, {
    SLUICE_PLUGIN_PATH: join(root, "env"),
  });
  const lines = text.split("\n");
  expect(lines[0]).toMatch(/^NAME +KIND +SUMMARY$/);
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^feed +source +Reads a feed\\. \\(from ${fromEnv}\\)$`)));
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^hook +sink +Posts batches\\. \\(from ${fromFlag}\\)$`)));
  expect(lines).toContainEqual(expect.stringMatching(/^rate +source +/));
  expect(lines).toContainEqual(expect.stringMatching(/^console +sink +/));
});

test("describe prints options and examples, ignoring case; a name used by a source and a sink shows both", async () => {
  plugin("both/in.ts", "source", "duplex", "Reads.");
  plugin("both/out.ts", "sink", "duplex", "Writes.");
  const text = await pluginsText({ command: "plugins", action: "describe", name: "DUPLEX", plugins: [join(root, "both")] }, {});
  expect(text).toStartWith("duplex (source)\n  Reads.\n");
  expect(text).toContain("\nduplex (sink)\n  Writes.\n");
  expect(text).toContain(`Loaded from: ${join(root, "both/in.ts")}`);
  expect(text).toContain("  url  (string)\n      Where to go.");
  expect(text).toContain('    .option("url", "http://x")');
  const builtin = await pluginsText({ command: "plugins", action: "describe", name: "console", plugins: [] }, {});
  expect(builtin).toContain("Output modes: append, update, complete");
  expect(builtin).not.toContain("Loaded from");
});

test("describe of an unknown name suggests close ones", async () => {
  const err = await errorOf(pluginsText({ command: "plugins", action: "describe", name: "consol", plugins: [] }, {}));
  expect(err.code).toBe("PLUGIN_NOT_FOUND");
  expect(err.hint).toBe("Did you mean 'console'?");
});

test("a broken plugin on the path is reported with its file", async () => {
  const bad = join(root, "bad/nothing.ts");
  mkdirSync(join(root, "bad"), { recursive: true });
  writeFileSync(bad, "export const x = 1;\n");
  const err = await errorOf(pluginsText({ command: "plugins", action: "list", plugins: [] }, { SLUICE_PLUGIN_PATH: bad }));
  expect(err.code).toBe("PLUGIN_INVALID");
  expect(err.bareMessage).toStartWith(`${bad} is not a valid plugin`);
});
