// Turns the command line into one of the CLI's commands. Pure: no I/O, so it is tested directly.

export type CommandName = "run" | "plugins" | "version" | "help";

export interface RunArgs {
  command: "run";
  pipeline: string;
  plugins: string[];
  conf: [key: string, value: string][];
}

/** `sluice plugins list` / `sluice plugins describe NAME`, with the --plugin paths to load first. */
export type PluginsArgs =
  | { command: "plugins"; action: "list"; plugins: string[] }
  | { command: "plugins"; action: "describe"; name: string; plugins: string[] };

export type ParsedArgs =
  | RunArgs
  | PluginsArgs
  | { command: "version" }
  | { command: "help"; topic?: CommandName }
  /** A mistake on the command line: print `message` and the usage of `topic` to stderr, exit 2. */
  | { command: "usage-error"; message: string; topic?: CommandName };

const commands: readonly CommandName[] = ["run", "plugins", "version", "help"];
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
    case "plugins": return parsePlugins(rest);
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

function parseRun(rest: readonly string[]): ParsedArgs {
  const error = (message: string): ParsedArgs => ({ command: "usage-error", message, topic: "run" });
  const parsed = parseOptions(rest, "run", ["--plugin", "--conf"]);
  if ("command" in parsed) return parsed;
  const { positional, plugins, conf } = parsed;
  const [pipeline, extra] = positional;
  if (pipeline === undefined) return error("missing the pipeline file");
  if (extra !== undefined) return error(`unexpected argument '${extra}'`);
  return { command: "run", pipeline, plugins, conf };
}

function parsePlugins(rest: readonly string[]): ParsedArgs {
  const error = (message: string): ParsedArgs => ({ command: "usage-error", message, topic: "plugins" });
  const parsed = parseOptions(rest, "plugins", ["--plugin"]);
  if ("command" in parsed) return parsed;
  const [action, name, extra] = parsed.positional;
  const plugins = parsed.plugins;
  if (action === undefined) return error("missing the action: list or describe");
  if (action === "list") {
    if (name !== undefined) return error(`unexpected argument '${name}'`);
    return { command: "plugins", action, plugins };
  }
  if (action === "describe") {
    if (name === undefined) return error("missing the plugin name to describe");
    if (extra !== undefined) return error(`unexpected argument '${extra}'`);
    return { command: "plugins", action, name, plugins };
  }
  return error(`unknown action '${action}' (expected list or describe)`);
}

interface Options {
  positional: string[];
  plugins: string[];
  conf: [string, string][];
}

/** Splits `rest` into positional arguments and the options in `allowed` (--name VALUE or --name=VALUE). */
function parseOptions(rest: readonly string[], topic: CommandName, allowed: readonly string[]): Options | ParsedArgs {
  const error = (message: string): ParsedArgs => ({ command: "usage-error", message, topic });
  const end = rest.indexOf("--");
  if ((end < 0 ? rest : rest.slice(0, end)).some(isHelpFlag)) return { command: "help", topic };
  const positional: string[] = [];
  const plugins: string[] = [];
  const conf: [string, string][] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--") {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    // --name VALUE or --name=VALUE
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!allowed.includes(name)) return error(`unknown option '${name}'`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = rest[++i];
      if (value === undefined) return error(`option '${name}' needs a value`);
    }
    if (name === "--plugin") {
      if (value === "") return error("option '--plugin' needs a path");
      plugins.push(value);
    } else {
      const sep = value.indexOf("=");
      if (sep <= 0) return error(`option '--conf' expects KEY=VALUE, got '${value}'`);
      conf.push([value.slice(0, sep), value.slice(sep + 1)]);
    }
  }
  return { positional, plugins, conf };
}
