// `sluice plugins list` and `sluice plugins describe NAME`: what a pipeline run with the same
// SLUICE_PLUGIN_PATH and --plugin paths could use, as the plugins' own definitions describe it.
import { userError } from "../errors.ts";
import { closeNames } from "../plugin/close_names.ts";
import { formatPluginDescription, formatPluginList } from "../plugin/describe.ts";
import type { PluginsArgs } from "./args.ts";
import { loadCommandLinePlugins } from "./load_plugins.ts";

/** The text to print (the caller writes it to stdout). */
export async function pluginsText(args: PluginsArgs, env?: Record<string, string | undefined>): Promise<string> {
  const { registry } = await loadCommandLinePlugins(args.plugins, env);
  const all = registry.list();
  if (args.action === "list") return formatPluginList(all);
  const hits = all.filter((p) => p.definition.name.toLowerCase() === args.name.toLowerCase());
  if (hits.length === 0) {
    const close = closeNames(args.name, [...new Set(all.map((p) => p.definition.name))]);
    throw userError("PLUGIN_NOT_FOUND", `No source or sink is named '${args.name}'.`, {
      hint: close.length > 0
        ? `Did you mean ${close.map((n) => `'${n}'`).join(" or ")}?`
        : "Run `sluice plugins list` to see every plugin (add --plugin PATH for plugins outside SLUICE_PLUGIN_PATH).",
    });
  }
  // A name may be both a source and a sink (as kafka is): describe both, source first.
  return hits.map((p) => formatPluginDescription(p.definition, p.origin)).join("\n");
}
