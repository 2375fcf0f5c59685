import { describe, expect, test } from "bun:test";
import { parseArgs } from "./args.ts";

describe("sluice serve / run --connect-port / run --remote arguments", () => {
  test("serve takes Spark's port by default, --connect-port, --connect-host, --admin-port, plugins and conf", () => {
    expect(parseArgs(["serve"])).toEqual({ command: "serve", connectPort: 15002, connectHost: "127.0.0.1", adminPort: undefined, plugins: [], conf: [] });
    expect(parseArgs(["serve", "--connect-port", "0", "--connect-host", "::1", "--admin-port=4040", "--conf", "a=b", "--plugin", "p.ts"]))
      .toEqual({ command: "serve", connectPort: 0, connectHost: "::1", adminPort: 4040, plugins: ["p.ts"], conf: [["a", "b"]] });
  });
  test("serve refuses a bad port, a stray argument; --help shows its help", () => {
    expect(parseArgs(["serve", "--connect-port", "99999"])).toMatchObject({ command: "usage-error", topic: "serve" });
    expect(parseArgs(["serve", "pipeline.ts"])).toEqual({ command: "usage-error", message: "unexpected argument 'pipeline.ts'", topic: "serve" });
    expect(parseArgs(["serve", "--help"])).toEqual({ command: "help", topic: "serve" });
  });
  test("run --connect-port and --remote", () => {
    expect(parseArgs(["run", "p.ts", "--connect-port", "0", "--remote", "sc://h:15002"])).toMatchObject({ command: "run", connectPort: 0, remote: "sc://h:15002" });
    expect(parseArgs(["run", "p.ts", "--remote", "http://h:1"])).toMatchObject({ command: "usage-error", topic: "run" });
  });
});
