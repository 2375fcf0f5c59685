import { describe, expect, test } from "bun:test";
import { parseArgs } from "./args.ts";

describe("parseArgs", () => {
  test("run with a pipeline only", () => {
    expect(parseArgs(["run", "p.ts"])).toEqual({
      command: "run", pipeline: "p.ts", plugins: [], conf: [], adminAllowedHosts: [], keepRunning: false, progress: true,
    });
  });

  test("run collects repeated --plugin and --conf in order, in both spellings", () => {
    expect(parseArgs([
      "run", "--conf", "spark.sql.shuffle.partitions=4", "p.ts", "--plugin", "a.ts",
      "--plugin=b.ts", "--conf=spark.sql.session.timeZone=UTC",
    ])).toEqual({
      command: "run",
      pipeline: "p.ts",
      plugins: ["a.ts", "b.ts"],
      conf: [["spark.sql.shuffle.partitions", "4"], ["spark.sql.session.timeZone", "UTC"]],
      adminAllowedHosts: [],
      keepRunning: false,
      progress: true,
    });
  });

  test("--conf splits at the first '=' and allows an empty value", () => {
    expect(parseArgs(["run", "p.ts", "--conf", "k=a=b", "--conf", "e="])).toMatchObject({
      conf: [["k", "a=b"], ["e", ""]],
    });
  });

  test("the words after -- are the pipeline's own arguments", () => {
    expect(parseArgs(["run", "p.ts", "--", "a", "--b", "-c"])).toEqual({
      command: "run", pipeline: "p.ts", plugins: [], conf: [], adminAllowedHosts: [], keepRunning: false, progress: true, pipelineArgs: ["a", "--b", "-c"],
    });
    expect(parseArgs(["run", "--conf", "k=v", "--", "p.ts", "x"])).toMatchObject({ pipeline: "p.ts", pipelineArgs: ["x"], conf: [["k", "v"]] });
    expect(parseArgs(["validate", "p.ts", "--", "x"])).toMatchObject({ command: "validate", pipelineArgs: ["x"] });
    expect(parseArgs(["explain", "p.ts", "--", "x"])).toMatchObject({ command: "explain", pipelineArgs: ["x"] });
    expect(parseArgs(["run", "p.ts", "--", "--help"])).toMatchObject({ command: "run", pipelineArgs: ["--help"] });
  });

  test("-- ends the options, so a pipeline may start with a dash", () => {
    expect(parseArgs(["run", "--", "-odd.ts"])).toMatchObject({ command: "run", pipeline: "-odd.ts" });
    expect(parseArgs(["run", "--", "--help"])).toMatchObject({ command: "run", pipeline: "--help" });
  });

  test("run mistakes are usage errors with the run usage", () => {
    const cases: [string[], string][] = [
      [["run"], "missing the pipeline file"],
      [["run", "a.ts", "b.ts"], "unexpected argument 'b.ts' (the pipeline's own arguments go after --: sluice run a.ts -- b.ts)"],
      [["run", "p.ts", "--conf"], "option '--conf' needs a value"],
      [["run", "p.ts", "--conf", "novalue"], "option '--conf' expects KEY=VALUE, got 'novalue'"],
      [["run", "p.ts", "--conf", "=v"], "option '--conf' expects KEY=VALUE, got '=v'"],
      [["run", "p.ts", "--plugin"], "option '--plugin' needs a value"],
      [["run", "p.ts", "--plugin="], "option '--plugin' needs a path"],
      [["run", "p.ts", "--verbose"], "unknown option '--verbose'"],
      [["run", "p.ts", "--verbose=1"], "unknown option '--verbose'"],
    ];
    for (const [argv, message] of cases) {
      expect(parseArgs(argv)).toEqual({ command: "usage-error", message, topic: "run" });
    }
  });

  test("--help wins anywhere before --, even next to mistakes", () => {
    expect(parseArgs(["run", "--help"])).toEqual({ command: "help", topic: "run" });
    expect(parseArgs(["run", "p.ts", "--bogus", "-h"])).toEqual({ command: "help", topic: "run" });
    expect(parseArgs(["version", "--help"])).toEqual({ command: "help", topic: "version" });
    expect(parseArgs(["help", "--help"])).toEqual({ command: "help", topic: "help" });
  });

  test("top-level help and version", () => {
    expect(parseArgs(["--help"])).toEqual({ command: "help" });
    expect(parseArgs(["-h"])).toEqual({ command: "help" });
    expect(parseArgs(["help"])).toEqual({ command: "help" });
    expect(parseArgs(["help", "run"])).toEqual({ command: "help", topic: "run" });
    expect(parseArgs(["--version"])).toEqual({ command: "version" });
    expect(parseArgs(["version"])).toEqual({ command: "version" });
  });

  test("unknown commands, unknown options and stray arguments are usage errors", () => {
    expect(parseArgs([])).toEqual({ command: "usage-error", message: "missing command" });
    expect(parseArgs(["start"])).toEqual({ command: "usage-error", message: "unknown command 'start'" });
    expect(parseArgs(["--verbose"])).toEqual({ command: "usage-error", message: "unknown option '--verbose'" });
    expect(parseArgs(["help", "start"])).toEqual({ command: "usage-error", message: "unknown command 'start'" });
    expect(parseArgs(["help", "run", "x"])).toEqual({
      command: "usage-error", message: "unexpected argument 'x'", topic: "help",
    });
    expect(parseArgs(["version", "x"])).toEqual({
      command: "usage-error", message: "unexpected argument 'x'", topic: "version",
    });
  });
  test("plugins list and plugins describe NAME, with repeated --plugin", () => {
    expect(parseArgs(["plugins", "list"])).toEqual({ command: "plugins", action: "list", plugins: [] });
    expect(parseArgs(["plugins", "--plugin", "a.ts", "describe", "kafka", "--plugin=dir"])).toEqual({
      command: "plugins", action: "describe", name: "kafka", plugins: ["a.ts", "dir"],
    });
    expect(parseArgs(["plugins", "describe", "-h"])).toEqual({ command: "help", topic: "plugins" });
    expect(parseArgs(["help", "plugins"])).toEqual({ command: "help", topic: "plugins" });
  });

  test("plugins mistakes are usage errors with the plugins usage", () => {
    const cases: [string[], string][] = [
      [["plugins"], "missing the action: list or describe"],
      [["plugins", "show"], "unknown action 'show' (expected list or describe)"],
      [["plugins", "list", "x"], "unexpected argument 'x'"],
      [["plugins", "describe"], "missing the plugin name to describe"],
      [["plugins", "describe", "a", "b"], "unexpected argument 'b'"],
      [["plugins", "list", "--conf", "k=v"], "unknown option '--conf'"],
      [["plugins", "list", "--plugin"], "option '--plugin' needs a value"],
    ];
    for (const [argv, message] of cases) {
      expect(parseArgs(argv)).toEqual({ command: "usage-error", message, topic: "plugins" });
    }
  });

  test("run with the admin API and without progress", () => {
    expect(parseArgs(["run", "p.ts", "--admin-port", "4040"])).toMatchObject({ command: "run", adminPort: 4040 });
    expect(parseArgs(["run", "--admin-port=0", "--admin-host", "0.0.0.0", "p.ts", "--no-progress"])).toEqual({
      command: "run", pipeline: "p.ts", plugins: [], conf: [], adminPort: 0, adminHost: "0.0.0.0", adminAllowedHosts: [],
      keepRunning: false, progress: false,
    });
    const cases: [string[], string][] = [
      [["run", "p.ts", "--admin-port", "x"], "option '--admin-port' expects a port from 0 to 65535, got 'x'"],
      [["run", "p.ts", "--admin-port", "65536"], "option '--admin-port' expects a port from 0 to 65535, got '65536'"],
      [["run", "p.ts", "--admin-port", "-1"], "option '--admin-port' expects a port from 0 to 65535, got '-1'"],
      [["run", "p.ts", "--admin-port"], "option '--admin-port' needs a value"],
      [["run", "p.ts", "--admin-host", "::1"], "option '--admin-host' needs '--admin-port'"],
      [["run", "p.ts", "--admin-port", "1", "--admin-host="], "option '--admin-host' needs a host name or address"],
      [["run", "p.ts", "--no-progress=1"], "option '--no-progress' takes no value"],
    ];
    for (const [argv, message] of cases) expect(parseArgs(argv)).toEqual({ command: "usage-error", message, topic: "run" });
  });

  test("--admin-allowed-hosts: comma-separated and repeatable host names, checked; --keep-running", () => {
    expect(parseArgs([
      "run", "p.ts", "--admin-port", "0", "--admin-allowed-hosts", "sluice.example.com, .internal.example",
      "--admin-allowed-hosts=10.0.0.7,[::1]", "--keep-running",
    ])).toMatchObject({
      adminAllowedHosts: ["sluice.example.com", ".internal.example", "10.0.0.7", "[::1]"], keepRunning: true,
    });
    const cases: [string[], string][] = [
      [["run", "p.ts", "--admin-allowed-hosts", "a.example"], "option '--admin-allowed-hosts' needs '--admin-port'"],
      [["run", "p.ts", "--admin-port", "0", "--admin-allowed-hosts", "http://a.example"],
        "option '--admin-allowed-hosts': 'http://a.example' is a URL; give the host name only"],
      [["run", "p.ts", "--admin-port", "0", "--admin-allowed-hosts", "a.example:4040"],
        "option '--admin-allowed-hosts': 'a.example:4040' has a port; give the host name only (any port is accepted)"],
      [["run", "p.ts", "--admin-port", "0", "--admin-allowed-hosts", "a.example,,b.example"], "option '--admin-allowed-hosts': an empty host name"],
      [["run", "p.ts", "--admin-port", "0", "--admin-allowed-hosts", "a/b"], "option '--admin-allowed-hosts': 'a/b' is not a host name or address"],
      [["run", "p.ts", "--keep-running"], "option '--keep-running' needs '--admin-port' (queries are restarted over the admin API)"],
    ];
    for (const [argv, message] of cases) expect(parseArgs(argv)).toEqual({ command: "usage-error", message, topic: "run" });
  });

  test("explain and validate take a pipeline, --plugin and --conf", () => {
    expect(parseArgs(["explain", "p.ts", "--extended", "--conf", "a=b"])).toEqual({
      command: "explain", pipeline: "p.ts", plugins: [], conf: [["a", "b"]], extended: true,
    });
    expect(parseArgs(["validate", "p.ts", "--plugin", "x.ts"])).toEqual({ command: "validate", pipeline: "p.ts", plugins: ["x.ts"], conf: [] });
    expect(parseArgs(["validate"])).toEqual({ command: "usage-error", message: "missing the pipeline file", topic: "validate" });
    expect(parseArgs(["validate", "p.ts", "--extended"])).toEqual({ command: "usage-error", message: "unknown option '--extended'", topic: "validate" });
    expect(parseArgs(["explain", "p.ts", "--admin-port", "1"])).toEqual({ command: "usage-error", message: "unknown option '--admin-port'", topic: "explain" });
    expect(parseArgs(["explain", "--help"])).toEqual({ command: "help", topic: "explain" });
    expect(parseArgs(["validate", "-h"])).toEqual({ command: "help", topic: "validate" });
  });
});
