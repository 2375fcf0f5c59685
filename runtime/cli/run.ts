// `sluice run PIPELINE.ts`: hand the command line to the engine (--conf values, the plugins), make
// "sluice" resolve to this very engine inside the pipeline and its plugins, load the plugins,
// import the pipeline and supervise its queries.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { cliConf, cliPlugins } from "../api/cli_conf.ts";
import { userError } from "../errors.ts";
import { platform } from "../platform/mod.ts";
import type { RunArgs } from "./args.ts";
import { loadCommandLinePlugins } from "./load_plugins.ts";
import { supervise } from "./supervise.ts";

export async function runCommand(args: RunArgs): Promise<number> {
  const pipeline = existingFile(args.pipeline);
  for (const [key, value] of args.conf) cliConf.set(key, value);
  // Loaded here rather than at the top so that `sluice version` and `--help` do not load the engine.
  // In the binary this namespace is the only copy of the engine: the pipeline must get it, not a
  // second copy, or its queries would be invisible to the tracker this command waits on.
  const sluice: Record<string, unknown> = await import("../mod.ts");
  platform.registerModule("sluice", sluice);
  // Before the pipeline: it may use a plugin by name as soon as it has a session.
  cliPlugins.push(...(await loadCommandLinePlugins(args.plugins)).loaded);
  return supervise(() => import(pathToFileURL(pipeline).href), platform);
}

function existingFile(path: string): string {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw userError("PATH_NOT_FOUND", `Path does not exist: ${absolute}.`, { sqlState: "42K03" });
  }
  return absolute;
}
