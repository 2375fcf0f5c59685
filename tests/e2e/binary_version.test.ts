// Builds the binary the way CI does (scripts/build.ts, into a scratch directory; see sluice_binary.ts)
// and checks that it knows its version, starts its commands, and hands its own engine to a
// pipeline outside the repo.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { buildTimeoutMs, exec as run, sluiceBinary } from "./sluice_binary.ts";

let dir = "";
let binary = "";

const exec = (cmd: string[], cwd?: string) => run(cmd, { cwd });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sluice-binary-test-"));
  binary = await sluiceBinary();
}, buildTimeoutMs);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("dist/sluice built by scripts/build.ts", () => {
  test("--version prints the package.json version", async () => {
    const r = await exec([binary, "--version"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`sluice ${pkg.version}\nbun ${Bun.version} (compiled binary)\n`);
  });

  test("--help exits 0 and an unknown command exits 2", async () => {
    expect(await exec([binary, "--help"], dir)).toMatchObject({ code: 0, stderr: "" });
    const bad = await exec([binary, "nope"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toStartWith("sluice: unknown command 'nope'");
  });

  test("a pipeline outside the repo imports \"sluice\" and gets the binary's engine", async () => {
    const pipeline = join(dir, "exports.pipeline.ts");
    writeFileSync(pipeline, `import * as sluice from "sluice";\nconsole.log(JSON.stringify(Object.keys(sluice).sort()));\n`);
    const r = await exec([binary, "run", pipeline], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const engine = await import("../../runtime/mod.ts");
    expect(JSON.parse(r.stdout)).toEqual(Object.keys(engine).sort());
  });

  test("a plugin outside the repo imports \"sluice/plugin-sdk\" and \"sluice/testing\" from the binary, sharing its classes", async () => {
    const pipeline = join(dir, "sdk.pipeline.ts");
    writeFileSync(pipeline, [
      `import * as sdk from "sluice/plugin-sdk";`,
      `import { ManualClock } from "sluice/testing";`,
      `import { SluiceError } from "sluice";`,
      `console.log(JSON.stringify({ keys: Object.keys(sdk).sort(), same: sdk.SluiceError === SluiceError, clock: new ManualClock(5).nowMs() }));`,
    ].join("\n") + "\n");
    const r = await exec([binary, "run", pipeline], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const sdk = await import("../../runtime/plugin-sdk.ts");
    expect(JSON.parse(r.stdout)).toEqual({ keys: Object.keys(sdk).sort(), same: true, clock: 5 });
  });
});
