// The CLI's usage texts, one per command.
import type { CommandName } from "./args.ts";

const overview = `sluice — Spark Structured Streaming pipelines written in TypeScript

Usage:
  sluice run PIPELINE.ts [--plugin PATH]... [--conf KEY=VALUE]...
  sluice plugins list [--plugin PATH]...
  sluice plugins describe NAME [--plugin PATH]...
  sluice version
  sluice help [COMMAND]

Commands:
  run        Run a pipeline file and wait until its streaming queries end
  plugins    List the sources and sinks, or describe one with its options
  version    Print the version
  help       Show help for a command

Options:
  -h, --help     Show help (also after any command)
  --version      Print the version
`;

const run = `Usage: sluice run PIPELINE.ts [--plugin PATH]... [--conf KEY=VALUE]...

Imports PIPELINE.ts, whose \`import … from "sluice"\` gets this sluice, then waits until every
streaming query it started has ended.

Options:
  --plugin PATH       A source or sink plugin for the pipeline to use: a module, a plugin folder
                      (with a mod.ts) or a directory of them (repeatable). The paths listed in
                      SLUICE_PLUGIN_PATH are loaded first.
  --conf KEY=VALUE    A configuration value set on every SparkSession (repeatable; the last one
                      for a key wins), e.g. --conf spark.sql.session.timeZone=UTC
  -h, --help          Show this help

Exit status:
  0    every query ended normally, or was stopped with Ctrl-C / SIGTERM
  1    the pipeline threw, or a query failed (the other queries are stopped first)
  2    the command line was wrong
  130  a second Ctrl-C while stopping: exit without waiting
`;

const plugins = `Usage: sluice plugins list [--plugin PATH]...
       sluice plugins describe NAME [--plugin PATH]...

\`list\` prints every source and sink: the built-in ones, those in SLUICE_PLUGIN_PATH and those
given with --plugin. \`describe\` prints one plugin's summary, its options (type, default,
description) and examples; a name that is both a source and a sink describes both.

Options:
  --plugin PATH       Load a plugin module, plugin folder or directory of plugins first (repeatable)
  -h, --help          Show this help

Environment:
  SLUICE_PLUGIN_PATH  Plugin paths loaded by \`run\` and \`plugins\`, separated by ':' (';' on Windows)
`;

const version = `Usage: sluice version

Prints the version of sluice and of the runtime it runs on.
`;

const help = `Usage: sluice help [COMMAND]

Shows the overview, or the help of COMMAND (run, plugins, version, help).
`;

export function helpText(topic?: CommandName): string {
  switch (topic) {
    case undefined: return overview;
    case "run": return run;
    case "plugins": return plugins;
    case "version": return version;
    case "help": return help;
  }
}
