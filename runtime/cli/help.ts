// The CLI's usage texts, one per command.
import type { CommandName } from "./args.ts";

const overview = `sluice — Spark Structured Streaming pipelines written in TypeScript

Usage:
  sluice run PIPELINE.ts [--admin-port N] [--keep-running] [--plugin PATH]... [--conf KEY=VALUE]...
  sluice serve [--connect-port N] [--connect-host HOST] [--plugin PATH]... [--conf KEY=VALUE]...
  sluice explain PIPELINE.ts [--extended] [--plugin PATH]... [--conf KEY=VALUE]...
  sluice validate PIPELINE.ts [--plugin PATH]... [--conf KEY=VALUE]...
  sluice plugins list [--plugin PATH]...
  sluice plugins describe NAME [--plugin PATH]...
  sluice delta history|optimize|vacuum PATH [options]
  sluice state show CHECKPOINT [--operator N] [--batch N] [--store NAME]
  sluice schema pipeline
  sluice init DIR [--sdk-only]
  sluice check PIPELINE.ts
  sluice test [FILE]... [-t NAME]
  sluice version
  sluice help [COMMAND]

Commands:
  run        Run a pipeline file and wait until its streaming queries end
  serve      Serve Spark Connect: PySpark programs (.remote("sc://…")) run on Sluice
  explain    Print the plan of each query a pipeline starts, without running it
  validate   Check a pipeline's queries and options without running it (exit status says)
  plugins    List the sources and sinks, or describe one with its options
  delta      A Delta table's history, OPTIMIZE (compaction) and VACUUM
  state      Show a streaming checkpoint's stateful operators and their state
  schema     Print the JSON Schema of declarative pipeline files (sluice schema pipeline)
  init       Create a pipeline project: pipeline, test, package.json, tsconfig.json, the API's types
  check      Type-check a pipeline with the TypeScript compiler inside sluice
  test       Run a project's tests (*.test.ts) with the test runner inside sluice
  version    Print the version
  help       Show help for a command

Options:
  -h, --help     Show help (also after any command)
  --version      Print the version
`;

const run = `Usage: sluice run PIPELINE.ts [--admin-port N [--admin-host HOST] [--admin-allowed-hosts LIST]
                  [--keep-running]] [--no-progress] [--remote sc://HOST:PORT] [--connect-port N]
                  [--plugin PATH]... [--conf KEY=VALUE]... [-- ARG...]

Imports PIPELINE.ts, whose \`import … from "sluice"\` gets this sluice, then waits until every
streaming query it started has ended (finished, stopped, or failed). Queries with an availableNow
or once trigger (backfills) show their progress on stderr: a bar on a terminal, lines otherwise.
PIPELINE may also be a declarative pipeline file (.json): sources, SQL queries and their sinks,
checked against the schema \`sluice schema pipeline\` prints before anything starts.
The pipeline is not type-checked first (\`sluice check PIPELINE.ts\` does that); an error in it
is printed with its file:line:column and the line of source.

The words after -- are the pipeline's own arguments: it reads them as process.argv.slice(2)
(process.argv[1] is the pipeline's path), as a Python script reads sys.argv[1:].

Options:
  --admin-port N      Serve the dashboard (at /) and the admin HTTP API (at /api/v1) on port N
                      (4040 is customary; 0 picks a free port); the address is printed on
                      stderr. Off unless given.
  --admin-host HOST   Address the admin server binds to (default 127.0.0.1). Any address that
                      is not loopback (e.g. 0.0.0.0) needs SLUICE_ADMIN_TOKEN set.
  --admin-allowed-hosts LIST
                      Host names the admin server answers besides its address and localhost,
                      comma-separated (repeatable); '.example.com' allows the domain and its
                      subdomains. Requests naming any other Host are refused (DNS rebinding).
  --keep-running      With --admin-port: a failed query does not stop the others, and the
                      process keeps serving after every query has ended, until Ctrl-C or
                      SIGTERM, so queries can be restarted from the dashboard or the API
  --no-progress       Do not show backfill progress
  --remote URL        Run every SparkSession on the Spark Connect server at URL (sc://host:port,
                      as SPARK_REMOTE and SparkSession.builder.remote() do): the pipeline's plans
                      run on Spark; waits until the queries it started there have ended
  --connect-port N    Also serve Spark Connect on 127.0.0.1:N (as sluice serve; 0 picks a free
                      port): PySpark clients get sessions of their own in this process
  --plugin PATH       A source or sink plugin for the pipeline to use: a module, a plugin folder
                      (with a mod.ts) or a directory of them (repeatable). The paths listed in
                      SLUICE_PLUGIN_PATH are loaded first.
  --conf KEY=VALUE    A configuration value set on every SparkSession (repeatable; the last one
                      for a key wins), e.g. --conf spark.sql.session.timeZone=UTC. Two settings
                      bound waiting (beyond Spark): sluice.plugin.callTimeoutMs (default 300000)
                      fails a query whose source or sink call has not returned in that time;
                      sluice.shutdown.gracePeriodMs (default 20000) is how long queries may take
                      to stop after Ctrl-C or SIGTERM. sluice.executor.workers (beyond Spark;
                      default: the machine's cores) is how many worker threads a query's large
                      batches of file input run on (1: the query's own thread only); batches
                      under sluice.executor.minParallelBytes (default 8388608) run inline
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

const state = `Usage: sluice state show CHECKPOINT [--operator N] [--batch N] [--store NAME]

Prints the stateful operators of the streaming checkpoint in directory CHECKPOINT (what
spark.read.format("state-metadata").load(CHECKPOINT) gives), then the state of each operator, or
of the one given, one row per key (what spark.read.format("statestore").load(CHECKPOINT) gives:
key, value, partition_id). Reads files only: a running query is not disturbed.

Options:
  --operator N     Only operator N (its id in the metadata table)
  --batch N        The state as batch N left it (default: the last committed batch)
  --store NAME     The operator's store (default: "default")
  -h, --help       Show this help
`;

const delta = `Usage: sluice delta history PATH [--limit N]
       sluice delta optimize PATH [--conf KEY=VALUE]...
       sluice delta vacuum PATH [--retain HOURS] [--dry-run] [--conf KEY=VALUE]...

Maintenance of the Delta table in directory PATH, as DeltaTable's history(), optimize()
.executeCompaction() and vacuum() do it:
  history    Print the table's commits, newest first
  optimize   Compact each partition's small files into files of about
             spark.databricks.delta.optimize.maxFileSize (default 128 MB) in one commit
  vacuum     Delete files the table no longer references that are older than the retention
             (default: the table's delta.deletedFileRetentionDuration, 7 days)

Options:
  --limit N           history: only the newest N commits
  --retain HOURS      vacuum: the retention in hours; below the table's needs
                      --conf spark.databricks.delta.retentionDurationCheck.enabled=false
  --dry-run           vacuum: list the files it would delete, delete nothing
  --conf KEY=VALUE    A Spark/Delta setting (repeatable)
  -h, --help          Show this help
`;

const adminEnv = `Environment:
  SLUICE_ADMIN_TOKEN  When set, the admin API's mutating routes (POST …/stop, …/restart) require
                      'Authorization: Bearer <token>' (the dashboard asks for it once).
                      Needed to serve on an address other than loopback.

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

const init = `Usage: sluice init DIR [--sdk-only]

Creates DIR with a pipeline project: pipeline.ts (rate source -> transform -> console),
transform.ts and transform.test.ts (a test on MemoryStream from sluice/testing), package.json,
tsconfig.json, README.md and .gitignore. The API's type declarations and the engine as JavaScript
(for tests) come from this sluice into .sluice/sdk, linked as node_modules/sluice; the runtime's
type packages (@types/bun and what it uses) go to node_modules. Nothing is downloaded: editors
complete F. and DataFrame methods, and \`sluice check\`, \`sluice test\` and \`tsc --noEmit\`
work at once (\`npm install\` later replaces the type packages with the registry's).

Options:
  --sdk-only          In an existing project, only rewrite .sluice/sdk and the type packages
                      (after installing a newer sluice)
  -h, --help          Show this help
`;

const check = `Usage: sluice check PIPELINE.ts

Type-checks PIPELINE.ts and the files it imports with the TypeScript compiler inside sluice, as
\`tsc --noEmit\` would, using the compiler options of the nearest tsconfig.json above it (strict
defaults without one). "sluice" is this sluice's own API, whatever the project has installed;
console, process and the other globals come from the project's node_modules/@types, else from
the type packages inside sluice. Each error is printed with file:line:column and the line.

Exit status:
  0    no type errors
  1    type errors (or the pipeline file does not exist)
  2    the command line was wrong
`;

const test = `Usage: sluice test [FILE]... [-t NAME] [other bun test options]

Runs the project's tests (*.test.ts, with bun:test) using the test runner inside sluice, so a
project made by \`sluice init\` needs no Bun of its own. The arguments go to the runner as
\`bun test\` takes them. "sluice" and "sluice/testing" resolve to node_modules/sluice (the SDK
\`sluice init\` wrote). The exit status is the runner's: 0 when every test passed.
`;

const version = `Usage: sluice version

Prints the version of sluice and of the runtime it runs on.
`;

const serve = `Usage: sluice serve [--connect-port N] [--connect-host HOST] [--admin-port N] [--plugin PATH]...
                    [--conf KEY=VALUE]...

Serves the Spark Connect protocol (gRPC) until Ctrl-C or SIGTERM: a PySpark program changes one
line, SparkSession.builder.remote("sc://localhost:15002").getOrCreate(), and runs on Sluice's
engine. Each client session has its own conf, views, memory tables and queries; a client that
disconnects leaves its queries running, as in Spark. The console sink prints on this process's
stdout. Python functions (UDFs, foreachBatch, foreach, server-side listeners) are refused: Sluice
runs no Python. The address is printed on stderr once the server accepts connections.

Options:
  --connect-port N    Port of the Spark Connect endpoint (default 15002, Spark's; 0 picks a free one)
  --connect-host HOST Address it binds to (default 127.0.0.1)
  --admin-port N      Serve the admin HTTP API on 127.0.0.1:N too: every session's queries
  --plugin PATH       A source or sink plugin the sessions can use by name (repeatable)
  --conf KEY=VALUE    A configuration value set on every session (repeatable)
  -h, --help          Show this help
`;

const help = `Usage: sluice help [COMMAND]

Shows the overview, or the help of COMMAND (run, serve, explain, validate, plugins, delta, state, schema,
init, check, test, version, help).
`;

export function helpText(topic?: CommandName): string {
  switch (topic) {
    case undefined: return overview;
    case "run": return run + "\n" + adminEnv;
    case "serve": return serve;
    case "explain": return explain;
    case "validate": return validate;
    case "plugins": return plugins;
    case "delta": return delta;
    case "state": return state;
    case "schema": return schema;
    case "init": return init;
    case "check": return check;
    case "test": return test;
    case "version": return version;
    case "help": return help;
  }
}
