// The CLI's usage texts, one per command.
import type { CommandName } from "./args.ts";

const overview = `sluice — Spark Structured Streaming pipelines written in TypeScript

Usage:
  sluice run PIPELINE.ts [--admin-port N] [--keep-running] [--plugin PATH]... [--conf KEY=VALUE]...
  sluice explain PIPELINE.ts [--extended] [--plugin PATH]... [--conf KEY=VALUE]...
  sluice validate PIPELINE.ts [--plugin PATH]... [--conf KEY=VALUE]...
  sluice plugins list [--plugin PATH]...
  sluice plugins describe NAME [--plugin PATH]...
  sluice schema pipeline
  sluice version
  sluice help [COMMAND]

Commands:
  run        Run a pipeline file and wait until its streaming queries end
  explain    Print the plan of each query a pipeline starts, without running it
  validate   Check a pipeline's queries and options without running it (exit status says)
  plugins    List the sources and sinks, or describe one with its options
  schema     Print the JSON Schema of declarative pipeline files (sluice schema pipeline)
  version    Print the version
  help       Show help for a command

Options:
  -h, --help     Show help (also after any command)
  --version      Print the version
`;

const run = `Usage: sluice run PIPELINE.ts [--admin-port N [--admin-host HOST] [--admin-allowed-hosts LIST]
                  [--keep-running]] [--no-progress] [--plugin PATH]... [--conf KEY=VALUE]...

Imports PIPELINE.ts, whose \`import … from "sluice"\` gets this sluice, then waits until every
streaming query it started has ended (finished, stopped, or failed). Queries with an availableNow
or once trigger (backfills) show their progress on stderr: a bar on a terminal, lines otherwise.
PIPELINE may also be a declarative pipeline file (.json): sources, SQL queries and their sinks,
checked against the schema \`sluice schema pipeline\` prints before anything starts.

Options:
  --admin-port N      Serve the admin HTTP API (at /api/v1) on port N (4040 is customary; 0
                      picks a free port); the address is printed on stderr. Off unless given.
  --admin-host HOST   Address the admin server binds to (default 127.0.0.1). Any address that
                      is not loopback (e.g. 0.0.0.0) needs SLUICE_ADMIN_TOKEN set.
  --admin-allowed-hosts LIST
                      Host names the admin server answers besides its address and localhost,
                      comma-separated (repeatable); '.example.com' allows the domain and its
                      subdomains. Requests naming any other Host are refused (DNS rebinding).
  --keep-running      With --admin-port: a failed query does not stop the others, and the
                      process keeps serving after every query has ended, until Ctrl-C or
                      SIGTERM, so queries can be restarted over the admin API
  --no-progress       Do not show backfill progress
  --plugin PATH       A source or sink plugin for the pipeline to use: a module, a plugin folder
                      (with a mod.ts) or a directory of them (repeatable). The paths listed in
                      SLUICE_PLUGIN_PATH are loaded first.
  --conf KEY=VALUE    A configuration value set on every SparkSession (repeatable; the last one
                      for a key wins), e.g. --conf spark.sql.session.timeZone=UTC. Two settings
                      bound waiting (beyond Spark): sluice.plugin.callTimeoutMs (default 300000)
                      fails a query whose source or sink call has not returned in that time;
                      sluice.shutdown.gracePeriodMs (default 20000) is how long queries may take
                      to stop after Ctrl-C or SIGTERM
  -h, --help          Show this help

Exit status:
  0    every query ended normally, or was stopped (Ctrl-C, SIGTERM or the admin API)
  1    the pipeline threw, or a query failed (the other queries are stopped first; with
       --keep-running: the latest run of a query had failed when the signal came), or a
       query did not stop within sluice.shutdown.gracePeriodMs of Ctrl-C / SIGTERM
       (QUERY_STOP_TIMEOUT, naming the plugin call it is stuck in; that batch runs again on
       restart)
  2    the command line was wrong
  130  a second Ctrl-C while stopping: exit without waiting (143 for a second SIGTERM)
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

const adminEnv = `Environment:
  SLUICE_ADMIN_TOKEN  When set, the admin API's mutating routes (POST …/stop, …/restart) require
                      'Authorization: Bearer <token>'. Needed to serve on an address other
                      than loopback.

Admin server rules: every request must name this server in Host (its address, localhost, or
--admin-allowed-hosts); POST routes refuse requests a browser sends from another site (Origin,
Sec-Fetch-Site) and bodies that are not application/json.
`;

const explain = `Usage: sluice explain PIPELINE.ts [--extended] [--plugin PATH]... [--conf KEY=VALUE]...

Imports PIPELINE.ts with query starts intercepted: each writeStream.start() makes every check it
makes in \`sluice run\` and then, instead of starting the query, records its plan, which is
printed on stdout. Nothing is read, written or checkpointed. The pipeline's own code runs up to
the point where it waits on a query (awaitTermination, processAllAvailable).

Options:
  --extended          Also print the analyzed plan with its output columns and types
  --plugin PATH       Load a plugin first, as in \`sluice run\` (repeatable)
  --conf KEY=VALUE    Set a configuration value on every SparkSession (repeatable)
  -h, --help          Show this help

Exit status:
  0    every query the pipeline started was planned
  1    the pipeline failed (an analysis or option error) or started no query
  2    the command line was wrong
`;

const validate = `Usage: sluice validate PIPELINE.ts [--plugin PATH]... [--conf KEY=VALUE]...

Imports PIPELINE.ts as \`sluice explain\` does (no query runs) and reports whether every query it
starts passes analysis, the streaming checks (output mode, unsupported operations) and the
validation of its source and sink options.

Options:
  --plugin PATH       Load a plugin first, as in \`sluice run\` (repeatable)
  --conf KEY=VALUE    Set a configuration value on every SparkSession (repeatable)
  -h, --help          Show this help

Exit status:
  0    valid: the queries are listed on stdout
  1    invalid: the error is printed on stderr (or the pipeline started no query)
  2    the command line was wrong
`;

const schema = `Usage: sluice schema pipeline

Prints the JSON Schema of declarative pipeline files: \`sluice run pipeline.json\` starts the named
sources, the SQL queries over them and each query's sink that such a file declares (see
docs/sql.md). Editors use the schema to complete and check pipeline files.
`;

const version = `Usage: sluice version

Prints the version of sluice and of the runtime it runs on.
`;

const help = `Usage: sluice help [COMMAND]

Shows the overview, or the help of COMMAND (run, explain, validate, plugins, version, help).
`;

export function helpText(topic?: CommandName): string {
  switch (topic) {
    case undefined: return overview;
    case "run": return run + "\n" + adminEnv;
    case "explain": return explain;
    case "validate": return validate;
    case "plugins": return plugins;
    case "schema": return schema;
    case "version": return version;
    case "help": return help;
  }
}
