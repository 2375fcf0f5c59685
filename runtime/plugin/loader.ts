// Loads user plugins from files by dynamic import(). A path is one plugin module (.ts/.mts/.js/.mjs),
// a plugin folder (a directory with its own mod.ts, mod.js or mod.mjs: that file is the plugin, and
// the folder's other files are its helpers), or a directory of plugins: every plugin module
// directly in it plus `<dir>/*/mod.ts` (or mod.js/mod.mjs) for each plugin folder inside.
import { readdirSync, statSync } from "node:fs";
import { delimiter, extname, join, resolve } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { userError } from "../errors.ts";
import { definitionProblems } from "./check_definition.ts";
import type { PluginDefinition } from "./contract.ts";
import { invalidPluginError, type PluginRegistry, type RegisteredPlugin } from "./registry.ts";

export const PLUGIN_PATH_ENV = "SLUICE_PLUGIN_PATH";

const MODULE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];
const FOLDER_ENTRIES = ["mod.ts", "mod.js", "mod.mjs"];

/** The paths listed in SLUICE_PLUGIN_PATH (separated by ':' on POSIX, ';' on Windows). */
export function pluginPathsFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env[PLUGIN_PATH_ENV];
  if (!raw) return [];
  return raw.split(delimiter).map((p) => p.trim()).filter((p) => p !== "");
}

/** The plugin module files `path` stands for, in a stable order. */
export function pluginFiles(path: string): string[] {
  const full = resolve(path);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw userError("PLUGIN_PATH_NOT_FOUND", `Plugin path does not exist: ${full}.`, {
      hint: `Check the path (given on the command line or listed in ${PLUGIN_PATH_ENV}).`,
    });
  }
  if (stat.isFile()) {
    if (!isModuleFile(full)) {
      throw userError("PLUGIN_INVALID", `${full} is not a plugin module: expected a .ts, .mts, .js or .mjs file.`);
    }
    return [full];
  }
  const own = folderEntry(full);
  if (own !== undefined) return [own];
  const files: string[] = [];
  for (const entry of readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(full, entry.name);
    if (entry.isFile() && isModuleFile(p)) files.push(p);
    if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") {
      const main = folderEntry(p);
      if (main) files.push(main);
    }
  }
  return files;
}

/** Imports every plugin module `path` stands for and registers it. Returns what was registered. */
export async function loadPlugins(registry: PluginRegistry, path: string): Promise<RegisteredPlugin[]> {
  const loaded: RegisteredPlugin[] = [];
  for (const file of pluginFiles(path)) {
    const definition = await importPlugin(file);
    registry.register(definition, file);
    loaded.push(registry.find(definition.kind, definition.name)!);
  }
  return loaded;
}

/** Imports one plugin module and checks its default export. */
export async function importPlugin(file: string): Promise<PluginDefinition> {
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (cause) {
    throw userError("PLUGIN_LOAD_FAILED", `Could not load the plugin ${file}: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
  }
  if (!("default" in mod)) {
    const named = Object.keys(mod).filter((k) => definitionProblems(mod[k]).length === 0);
    const tip = named.length > 0 ? ` It exports ${named.join(", ")} by name; make it the default export.` : "";
    throw invalidPluginError(file, [`it has no default export.${tip}`]);
  }
  const problems = definitionProblems(mod.default);
  if (problems.length > 0) throw invalidPluginError(file, problems);
  return mod.default as PluginDefinition;
}

/** The plugin file of a plugin folder (mod.ts, mod.js or mod.mjs), if `dir` is one. */
function folderEntry(dir: string): string | undefined {
  return FOLDER_ENTRIES.map((f) => join(dir, f)).find((f) => isFile(f));
}

function isModuleFile(path: string): boolean {
  const name = path.toLowerCase();
  if (name.endsWith(".d.ts") || /[._](test|spec)\.[mc]?[jt]s$/.test(name)) return false;
  return MODULE_EXTENSIONS.includes(extname(name));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
