// What `sluice run` was given on its command line, for the engine to pick up: every SparkSession
// applies `cliConf` (from --conf KEY=VALUE) and registers `cliPlugins` (loaded from
// SLUICE_PLUGIN_PATH and --plugin PATH before the pipeline is imported, so a session can use them
// as soon as it exists). Empty when the engine is used as a library.
import type { RegisteredPlugin } from "../plugin/registry.ts";

/** Configuration from --conf, applied to every SparkSession (later --conf of the same key wins). */
export const cliConf: Map<string, string> = new Map();

/** Plugins loaded by `sluice run` (SLUICE_PLUGIN_PATH, then --plugin), in load order. */
export const cliPlugins: RegisteredPlugin[] = [];
