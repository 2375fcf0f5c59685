// What `sluice run` was given on its command line, for the engine to pick up: every SparkSession
// applies `cliConf` (from --conf KEY=VALUE) and the plugin registry loads `cliPluginPaths` (from
// --plugin PATH). Empty when the engine is used as a library.

/** Configuration from --conf, applied to every SparkSession (later --conf of the same key wins). */
export const cliConf: Map<string, string> = new Map();

/** Absolute paths of plugin modules from --plugin, in command-line order. */
export const cliPluginPaths: string[] = [];
