// Docker cannot run here, so the Dockerfile is checked by reading it: its build stage must install
// and build exactly as CI does (the same commands, hence the same pinned Bun and scripts/build.ts),
// and its runtime stage must hold only the binary, run as a non-root user and expose the admin port.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import pkg from "../../package.json" with { type: "json" };

const root = resolve(import.meta.dir, "../..");
const read = (path: string) => readFileSync(resolve(root, path), "utf8");

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Dockerfile instructions by stage: comments dropped, continuation lines joined. */
function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, " ").split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, " ") };
    if (instruction.keyword === "FROM") {
      const [, from = "", name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`${keyword} before FROM`);
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

/** The shell commands a CI script runs (one per line, comments and shell syntax lines aside). */
function commandLines(script: string): string[] {
  return script.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
}

const stages = parseDockerfile(read("Dockerfile"));
const build = stages[0]!;
const runtime = stages.at(-1)!;
const args = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

describe("Dockerfile", () => {
  test("has two stages: a named build stage and a small Debian runtime", () => {
    expect(stages).toHaveLength(2);
    expect(build.name).toBe("build");
    expect(build.from).toMatch(/^node:\d+-bookworm-slim$/);
    expect(runtime.from).toBe("debian:bookworm-slim");
  });

  test("the build stage installs and builds with exactly the commands CI runs", () => {
    const ciInstall = commandLines(read(".ci/run")).filter((l) => l.startsWith("npm ci"));
    const ciBuild = commandLines(read("scripts/ci_binary_smoke.sh")).filter((l) => l.startsWith("npm run build"));
    expect(ciInstall).toEqual(["npm ci --no-audit --no-fund"]);
    expect(ciBuild).toEqual(["npm run build"]);
    expect(args(build, "RUN")).toEqual([...ciInstall, ...ciBuild]);
    // npm run build is scripts/build.ts run by the Bun that npm ci installs from the lockfile.
    expect(pkg.scripts.build).toBe("bun scripts/build.ts");
    expect(pkg.devDependencies.bun).toMatch(/^\d+\.\d+\.\d+$/);
    // The lockfile is copied before npm ci, so the install is the pinned one.
    expect(args(build, "COPY")[0]).toBe("package.json package-lock.json ./");
  });

  test("the runtime stage holds only the binary, runs as a non-root user, exposes 4040, enters sluice", () => {
    const copies = args(runtime, "COPY");
    expect(copies).toEqual(["--from=build /src/dist/sluice /usr/local/bin/sluice"]);
    expect(args(build, "WORKDIR")).toEqual(["/src"]); // so /src/dist/sluice is what npm run build wrote
    const [user] = args(runtime, "USER");
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user!.split(":")[0]);
    expect(args(runtime, "RUN").join("\n")).toContain(`useradd`);
    expect(args(runtime, "EXPOSE")).toEqual(["4040"]);
    expect(args(runtime, "ENTRYPOINT").map((a) => JSON.parse(a))).toEqual([["sluice"]]);
  });

  test(".dockerignore keeps the host's node_modules and dist out of the build context", () => {
    const ignored = commandLines(read(".dockerignore"));
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", "dist", ".git"]));
  });
});
