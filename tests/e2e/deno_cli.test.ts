// Deno is the second supported runtime: run its suite (`deno task test`) and the CLI under it, so
// `npm test` catches a change that only breaks Deno.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import pkg from "../../package.json" with { type: "json" };

const root = resolve(import.meta.dir, "../..");
const deno = resolve(root, "node_modules/deno/deno");
const denoTimeoutMs = 120_000;

async function exec(cmd: string[]) {
  const proc = Bun.spawn(cmd, { cwd: root, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited,
  ]);
  return { stdout, stderr, code };
}

describe("under deno", () => {
  test("deno task test passes", async () => {
    const r = await exec([deno, "task", "test"]);
    if (r.code !== 0) throw new Error(`deno task test failed:\n${r.stdout}${r.stderr}`);
    expect(r.stdout).toMatch(/ok \| \d+ passed \(\d+ steps\) \| 0 failed/);
  }, denoTimeoutMs);

  test("sluice run prints the golden output of the end-to-end pipeline", async () => {
    const r = await exec([deno, "task", "run", "tests/e2e/rate_console.pipeline.ts"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(resolve(root, "tests/e2e/golden/rate_console.txt"), "utf8"));
  }, denoTimeoutMs);

  test("the CLI runs from source", async () => {
    const r = await exec([deno, "task", "sluice", "--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toStartWith(`sluice ${pkg.version}\ndeno `);
  }, denoTimeoutMs);
});
