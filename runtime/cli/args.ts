// Turns the command line into one of the CLI's commands. Pure: no I/O, so it is tested directly.
import { allowedHostProblem } from "../admin/host_policy.ts";

export type CommandName = "run" | "serve" | "explain" | "validate" | "plugins" | "delta" | "state" | "schema" | "init" | "check" | "test" | "version" | "help";

/** What every command that imports a pipeline accepts. */
interface PipelineArgs {
  pipeline: string;
  plugins: string[];
  conf: [key: string, value: string][];
  /** The words after `--` (and after the pipeline), the pipeline's own: its process.argv.slice(2). */
  pipelineArgs?: string[];
}

export interface RunArgs extends PipelineArgs {
  command: "run";
  /** Serve the admin API on this port (0: any free port); undefined: no admin API. */
  adminPort?: number;
  adminHost?: string;
  /** Host names the admin API answers besides its address (--admin-allowed-hosts). */
  adminAllowedHosts: string[];
  /** --keep-running: a failed query does not stop the others; the process stays up until a signal. */
  keepRunning: boolean;
  /** False with --no-progress: no backfill progress on stderr. */
  progress: boolean;
  /** --remote sc://host:port: every SparkSession runs on that Spark Connect server. */
  remote?: string;
  /** --connect-port N: also serve Spark Connect from this process (as `sluice serve`). */
  connectPort?: number;
}

/** `sluice serve`: a Spark Connect server on Sluice's engine. */
export interface ServeArgs {
  command: "serve";
  connectPort: number;
  connectHost: string;
  /** Serve the admin API on this port too (0: any free port). */
  adminPort?: number;
  plugins: string[];
  conf: [key: string, value: string][];
}

export interface ExplainArgs extends PipelineArgs {
  command: "explain";
  extended: boolean;
}

export interface ValidateArgs extends PipelineArgs {
  command: "validate";
}

/** `sluice init DIR [--sdk-only]`: a new pipeline project (or a refreshed SDK in one). */
export interface InitArgs {
  command: "init";
  dir: string;
  sdkOnly: boolean;
}

/** `sluice check PIPELINE.ts`: type-check the pipeline. */
export interface CheckArgs {
  command: "check";
  pipeline: string;
}

/** `sluice test [ARGS…]`: the project's tests, by the bun test runner inside this binary. */
export interface TestArgs {
  command: "test";
  args: string[];
}

/** `sluice plugins list` / `sluice plugins describe NAME`, with the --plugin paths to load first. */
export type PluginsArgs =
  | { command: "plugins"; action: "list"; plugins: string[] }
  | { command: "plugins"; action: "describe"; name: string; plugins: string[] };

/** `sluice delta history|optimize|vacuum PATH`: DeltaTable's maintenance on a table directory. */
export type DeltaArgs =
  | { command: "delta"; action: "history"; path: string; limit?: number }
  | { command: "delta"; action: "optimize"; path: string; conf: [string, string][] }
  | { command: "delta"; action: "vacuum"; path: string; retainHours?: number; dryRun: boolean; conf: [string, string][] };

/** `sluice state show CHECKPOINT [--operator N] [--batch N] [--store NAME]`: a checkpoint's state as tables. */
export interface StateArgs {
  command: "state";
  action: "show";
  checkpoint: string;
  operatorId?: number;
  batchId?: number;
  storeName?: string;
}

export type ParsedArgs =
  | RunArgs
  | StateArgs
  | ServeArgs
  | DeltaArgs
  | ExplainArgs
  | ValidateArgs
  | InitArgs
  | CheckArgs
  | TestArgs
  | PluginsArgs
  /** `sluice schema pipeline`: print the JSON Schema of declarative pipeline files. */
  | { command: "schema"; name: "pipeline" }
  | { command: "version" }
  | { command: "help"; topic?: CommandName }
  /** A mistake on the command line: print `message` and the usage of `topic` to stderr, exit 2. */
  | { command: "usage-error"; message: string; topic?: CommandName };

const commands: readonly CommandName[] = ["run", "serve", "explain", "validate", "plugins", "delta", "state", "schema", "init", "check", "test", "version", "help"];
const isCommand = (s: string): s is CommandName => (commands as readonly string[]).includes(s);
const isHelpFlag = (s: string) => s === "--help" || s === "-h";

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined) return { command: "usage-error", message: "missing command" };
  if (isHelpFlag(first)) return { command: "help" };
  if (first === "--version") return { command: "version" };
  if (!isCommand(first)) {
    const what = first.startsWith("-") ? "option" : "command";
    return { command: "usage-error", message: `unknown ${what} '${first}'` };
  }
  switch (first) {
    case "run": return parseRun(rest);
    case "serve": return parseServe(rest);
    case "explain": return parseExplain(rest);
    case "validate": return parseValidate(rest);
    case "plugins": return parsePlugins(rest);
    case "delta": return parseDelta(rest);
    case "state": return parseState(rest);
    case "schema": return parseSchemaCommand(rest);
    case "init": return parseInit(rest);
    case "check": return parseCheck(rest);
    case "test": return parseTest(rest);
    case "version": return parseNoArgs("version", rest) ?? { command: "version" };
    case "help": return parseHelp(rest);
  }
}

function parseNoArgs(topic: CommandName, rest: readonly string[]): ParsedArgs | undefined {
  if (rest.some(isHelpFlag)) return { command: "help", topic };
  const [extra] = rest;
  if (extra !== undefined) return { command: "usage-error", message: `unexpected argument '${extra}'`, topic };
  return undefined;
}

function parseHelp(rest: readonly string[]): ParsedArgs {
  if (rest.some(isHelpFlag)) return { command: "help", topic: "help" };
  const [topic, extra] = rest;
  if (topic === undefined) return { command: "help" };
  if (!isCommand(topic)) return { command: "usage-error", message: `unknown command '${topic}'` };
  if (extra !== undefined) return { command: "usage-error", message: `unexpected argument '${extra}'`, topic: "help" };
  return { command: "help", topic };
}

/** The options one command accepts: "list" options repeat, "value" options take one value, flags none. */
type OptionSpec = Record<string, "list" | "value" | "flag">;

interface Scanned {
  /** Arguments that are not options, before `--`. */
  positional: string[];
  /** Everything after `--`, undefined without one. */
  afterDashes?: string[];
  lists: Map<string, string[]>;
  values: Map<string, string>;
  flags: Set<string>;
}

/** Splits `rest` into positional arguments and options (`--name VALUE`, `--name=VALUE`, `--`). */
function scan(topic: CommandName, rest: readonly string[], spec: OptionSpec): Scanned | ParsedArgs {
  const error = (message: string): ParsedArgs => ({ command: "usage-error", message, topic });
  const end = rest.indexOf("--");
  if ((end < 0 ? rest : rest.slice(0, end)).some(isHelpFlag)) return { command: "help", topic };
  const out: Scanned = { positional: [], lists: new Map(), values: new Map(), flags: new Set() };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--") {
      out.afterDashes = rest.slice(i + 1);
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const kind = spec[name];
    if (kind === undefined) return error(`unknown option '${name}'`);
    if (kind === "flag") {
      if (eq >= 0) return error(`option '${name}' takes no value`);
      out.flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = rest[++i];
      if (value === undefined) return error(`option '${name}' needs a value`);
    }
    if (kind === "list") out.lists.set(name, [...(out.lists.get(name) ?? []), value]);
    else out.values.set(name, value);
  }
  return out;
}

const isScanned = (x: Scanned | ParsedArgs): x is Scanned => "positional" in x;

/** --plugin and --conf, checked. */
function pluginAndConf(topic: CommandName, s: Scanned): { plugins: string[]; conf: [string, string][] } | ParsedArgs {
  const plugins = s.lists.get("--plugin") ?? [];
  if (plugins.includes("")) return { command: "usage-error", message: "option '--plugin' needs a path", topic };
  const conf: [string, string][] = [];
  for (const value of s.lists.get("--conf") ?? []) {
    const sep = value.indexOf("=");
    if (sep <= 0) return { command: "usage-error", message: `option '--conf' expects KEY=VALUE, got '${value}'`, topic };
    conf.push([value.slice(0, sep), value.slice(sep + 1)]);
  }
  return { plugins, conf };
}

/**
 * The pipeline file and its arguments: `sluice run p.ts -- a b` (or `sluice run -- p.ts a b`,
 * for a file whose name starts with a dash). Before `--`, only the pipeline file is not an option.
 */
function pipelineOf(topic: CommandName, s: Scanned): { pipeline: string; pipelineArgs?: string[] } | ParsedArgs {
  const words = [...s.positional, ...(s.afterDashes ?? [])];
  const [pipeline, ...pipelineArgs] = words;
  if (pipeline === undefined) return { command: "usage-error", message: "missing the pipeline file", topic };
  const extra = s.positional[1];
  if (extra !== undefined) {
    return {
      command: "usage-error", topic,
      message: `unexpected argument '${extra}' (the pipeline's own arguments go after --: sluice ${topic} ${pipeline} -- ${s.positional.slice(1).join(" ")})`,
    };
  }
  return pipelineArgs.length > 0 ? { pipeline, pipelineArgs } : { pipeline };
}

function parsePipelineCommand(topic: "run" | "explain" | "validate", rest: readonly string[], extra: OptionSpec) {
  const s = scan(topic, rest, { "--plugin": "list", "--conf": "list", ...extra });
  if (!isScanned(s)) return s;
  const common = pluginAndConf(topic, s);
  if ("command" in common) return common;
  const pipeline = pipelineOf(topic, s);
  if ("command" in pipeline) return pipeline;
  return { scanned: s, args: { ...pipeline, ...common } };
}

function parseRun(rest: readonly string[]): ParsedArgs {
  const error = (message: string): ParsedArgs => ({ command: "usage-error", message, topic: "run" });
  const parsed = parsePipelineCommand("run", rest, {
    "--admin-port": "value", "--admin-host": "value", "--admin-allowed-hosts": "list", "--keep-running": "flag", "--no-progress": "flag",
    "--remote": "value", "--connect-port": "value",
  });
  if ("command" in parsed) return parsed;
  const { scanned: s, args } = parsed;
  const run: RunArgs = {
    command: "run", ...args, adminAllowedHosts: [], keepRunning: s.flags.has("--keep-running"), progress: !s.flags.has("--no-progress"),
  };
  const port = s.values.get("--admin-port");
  const host = s.values.get("--admin-host");
  const allowed = s.lists.get("--admin-allowed-hosts");
  const connectPort = s.values.get("--connect-port");
  if (connectPort !== undefined) {
    if (!/^[0-9]{1,5}$/.test(connectPort) || Number(connectPort) > 65535) return error(`option '--connect-port' expects a port from 0 to 65535, got '${connectPort}'`);
    run.connectPort = Number(connectPort);
  }
  const remote = s.values.get("--remote");
  if (remote !== undefined) {
    if (!remote.startsWith("sc://")) return error(`option '--remote' expects a Spark Connect URL such as sc://localhost:15002, got '${remote}'`);
    run.remote = remote;
  }
  if (port !== undefined) {
    if (!/^[0-9]{1,5}$/.test(port) || Number(port) > 65535) {
      return error(`option '--admin-port' expects a port from 0 to 65535, got '${port}'`);
    }
    run.adminPort = Number(port);
  }
  if (host !== undefined) {
    if (port === undefined) return error("option '--admin-host' needs '--admin-port'");
    if (host === "") return error("option '--admin-host' needs a host name or address");
    run.adminHost = host;
  }
  if (allowed !== undefined) {
    if (port === undefined) return error("option '--admin-allowed-hosts' needs '--admin-port'");
    for (const entry of allowed.flatMap((v) => v.split(","))) {
      const problem = allowedHostProblem(entry);
      if (problem) return error(`option '--admin-allowed-hosts': ${problem}`);
      run.adminAllowedHosts.push(entry.trim());
    }
  }
  if (run.keepRunning && port === undefined) return error("option '--keep-running' needs '--admin-port' (queries are restarted over the admin API)");
  return run;
}

/** Spark Connect's default port. */
export const DEFAULT_CONNECT_PORT = 15002;

function parseServe(rest: readonly string[]): ParsedArgs {
  const error = (message: string): ParsedArgs => ({ command: "usage-error", message, topic: "serve" });
  const s = scan("serve", rest, { "--plugin": "list", "--conf": "list", "--connect-port": "value", "--connect-host": "value", "--admin-port": "value" });
  if (!isScanned(s)) return s;
  const common = pluginAndConf("serve", s);
  if ("command" in common) return common;
  const [extra] = s.positional;
  if (extra !== undefined) return error(`unexpected argument '${extra}'`);
  const port = s.values.get("--connect-port") ?? String(DEFAULT_CONNECT_PORT);
  if (!/^[0-9]{1,5}$/.test(port) || Number(port) > 65535) return error(`option '--connect-port' expects a port from 0 to 65535, got '${port}'`);
  const host = s.values.get("--connect-host") ?? "127.0.0.1";
  if (host === "") return error("option '--connect-host' needs a host name or address");
  const admin = s.values.get("--admin-port");
  if (admin !== undefined && (!/^[0-9]{1,5}$/.test(admin) || Number(admin) > 65535)) return error(`option '--admin-port' expects a port from 0 to 65535, got '${admin}'`);
  return { command: "serve", connectPort: Number(port), connectHost: host, adminPort: admin === undefined ? undefined : Number(admin), ...common };
}

function parseExplain(rest: readonly string[]): ParsedArgs {
  const parsed = parsePipelineCommand("explain", rest, { "--extended": "flag" });
  if ("command" in parsed) return parsed;
  return { command: "explain", ...parsed.args, extended: parsed.scanned.flags.has("--extended") };
}

function parseValidate(rest: readonly string[]): ParsedArgs {
  const parsed = parsePipelineCommand("validate", rest, {});
  if ("command" in parsed) return parsed;
  return { command: "validate", ...parsed.args };
}

function parseInit(rest: readonly string[]): ParsedArgs {
  const s = scan("init", rest, { "--sdk-only": "flag" });
  if (!isScanned(s)) return s;
  const [dir, extra] = [...s.positional, ...(s.afterDashes ?? [])];
  if (dir === undefined) return { command: "usage-error", message: "missing the project directory", topic: "init" };
  if (extra !== undefined) return { command: "usage-error", message: `unexpected argument '${extra}'`, topic: "init" };
  return { command: "init", dir, sdkOnly: s.flags.has("--sdk-only") };
}

function parseCheck(rest: readonly string[]): ParsedArgs {
  const s = scan("check", rest, {});
  if (!isScanned(s)) return s;
  const [pipeline, extra] = [...s.positional, ...(s.afterDashes ?? [])];
  if (pipeline === undefined) return { command: "usage-error", message: "missing the pipeline file", topic: "check" };
  if (extra !== undefined) return { command: "usage-error", message: `unexpected argument '${extra}'`, topic: "check" };
  return { command: "check", pipeline };
}

/** Everything after `test` goes to the test runner (`sluice test transform.test.ts -t parity`). */
function parseTest(rest: readonly string[]): ParsedArgs {
  if (rest.length === 1 && isHelpFlag(rest[0]!)) return { command: "help", topic: "test" };
  return { command: "test", args: [...rest] };
}

function parseSchemaCommand(rest: readonly string[]): ParsedArgs {
  if (rest.some(isHelpFlag)) return { command: "help", topic: "schema" };
  const [name, extra] = rest;
  if (name === undefined) return { command: "usage-error", message: "missing the schema name (pipeline)", topic: "schema" };
  if (name !== "pipeline") return { command: "usage-error", message: `unknown schema '${name}' (known: pipeline)`, topic: "schema" };
  if (extra !== undefined) return { command: "usage-error", message: `unexpected argument '${extra}'`, topic: "schema" };
  return { command: "schema", name };
}

function parsePlugins(rest: readonly string[]): ParsedArgs {
  const error = (message: string): ParsedArgs => ({ command: "usage-error", message, topic: "plugins" });
  const s = scan("plugins", rest, { "--plugin": "list" });
  if (!isScanned(s)) return s;
  const common = pluginAndConf("plugins", s);
  if ("command" in common) return common;
  const [action, name, extra] = s.positional;
  if (action === undefined) return error("missing the action: list or describe");
  if (action === "list") {
    if (name !== undefined) return error(`unexpected argument '${name}'`);
    return { command: "plugins", action: "list", plugins: common.plugins };
  }
  if (action === "describe") {
    if (name === undefined) return error("missing the plugin name to describe");
    if (extra !== undefined) return error(`unexpected argument '${extra}'`);
    return { command: "plugins", action: "describe", name, plugins: common.plugins };
  }
  return error(`unknown action '${action}' (expected list or describe)`);
}

function parseState(rest: readonly string[]): ParsedArgs {
  const error = (message: string): ParsedArgs => ({ command: "usage-error", message, topic: "state" });
  const s = scan("state", rest, { "--operator": "value", "--batch": "value", "--store": "value" });
  if (!isScanned(s)) return s;
  const [action, checkpoint, extra] = s.positional;
  if (action === undefined) return error("missing the action: show");
  if (action !== "show") return error(`unknown action '${action}' (expected show)`);
  if (checkpoint === undefined) return error("missing the checkpoint directory");
  if (extra !== undefined) return error(`unexpected argument '${extra}'`);
  const count = (name: string): number | undefined | ParsedArgs => {
    const text = s.values.get(name);
    if (text === undefined) return undefined;
    const n = Number(text);
    return Number.isInteger(n) && n >= 0 && text.trim() !== "" ? n : error(`option '${name}' expects a whole number >= 0, got '${text}'`);
  };
  const operatorId = count("--operator"), batchId = count("--batch");
  if (typeof operatorId === "object") return operatorId;
  if (typeof batchId === "object") return batchId;
  const storeName = s.values.get("--store");
  return {
    command: "state", action, checkpoint, ...(operatorId === undefined ? {} : { operatorId }), ...(batchId === undefined ? {} : { batchId }),
    ...(storeName === undefined ? {} : { storeName }),
  };
}

function parseDelta(rest: readonly string[]): ParsedArgs {
  const error = (message: string): ParsedArgs => ({ command: "usage-error", message, topic: "delta" });
  const s = scan("delta", rest, { "--limit": "value", "--retain": "value", "--dry-run": "flag", "--conf": "list" });
  if (!isScanned(s)) return s;
  const common = pluginAndConf("delta", s);
  if ("command" in common) return common;
  const [action, path, extra] = s.positional;
  if (action === undefined) return error("missing the action: history, optimize or vacuum");
  if (action !== "history" && action !== "optimize" && action !== "vacuum") return error(`unknown action '${action}' (expected history, optimize or vacuum)`);
  if (path === undefined) return error("missing the table's path");
  if (extra !== undefined) return error(`unexpected argument '${extra}'`);
  const only = (allowed: string[]) => [...s.values.keys(), ...s.flags, ...(s.lists.has("--conf") ? ["--conf"] : [])].find((o) => !allowed.includes(o));
  if (action === "history") {
    const wrong = only(["--limit"]);
    if (wrong) return error(`option '${wrong}' does not apply to history`);
    const text = s.values.get("--limit");
    const limit = text === undefined ? undefined : Number(text);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) return error(`option '--limit' expects a positive whole number, got '${text}'`);
    return limit === undefined ? { command: "delta", action, path } : { command: "delta", action, path, limit };
  }
  if (action === "optimize") {
    const wrong = only(["--conf"]);
    if (wrong) return error(`option '${wrong}' does not apply to optimize`);
    return { command: "delta", action, path, conf: common.conf };
  }
  const wrong = only(["--retain", "--dry-run", "--conf"]);
  if (wrong) return error(`option '${wrong}' does not apply to vacuum`);
  const text = s.values.get("--retain");
  const retainHours = text === undefined ? undefined : Number(text);
  if (retainHours !== undefined && !(Number.isFinite(retainHours) && retainHours >= 0)) return error(`option '--retain' expects hours (a number >= 0), got '${text}'`);
  return { command: "delta", action, path, ...(retainHours === undefined ? {} : { retainHours }), dryRun: s.flags.has("--dry-run"), conf: common.conf };
}
