// The plugins a CLI command works with: the built-ins, then every path in SLUICE_PLUGIN_PATH, then
// each --plugin, in that order. `sluice run` loads them before it imports the pipeline, so the
// pipeline can use them by name on its first line; a plugin that cannot be loaded stops the
// command before anything runs, with an error naming its file.
import process from "node:process";
import { registerEngineModules } from "./engine_modules.ts";
import { registerBuiltins } from "../plugin/builtins.ts";
import { loadPlugins, pluginPathsFromEnv } from "../plugin/loader.ts";
import { PluginRegistry, type RegisteredPlugin } from "../plugin/registry.ts";

export interface CommandLinePlugins {
  /** The built-ins plus everything loaded. */
  registry: PluginRegistry;
  /** What the paths added, in load order. */
  loaded: RegisteredPlugin[];
}

export async function loadCommandLinePlugins(
  paths: readonly string[],
  env: Record<string, string | undefined> = process.env,
): Promise<CommandLinePlugins> {
  const registry = new PluginRegistry();
  registerBuiltins(registry);
  const all = [...pluginPathsFromEnv(env), ...paths];
  const loaded: RegisteredPlugin[] = [];
  if (all.length === 0) return { registry, loaded };
  // Plugins `import … from "sluice"`: they must get this engine (see README, "How import … resolves").
  await registerEngineModules();
  for (const path of all) loaded.push(...(await loadPlugins(registry, path)));
  return { registry, loaded };
}
