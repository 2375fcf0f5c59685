// Deno is the second supported runtime: type-check under it (`deno task check`), run its suite
// (`deno task test`), the CLI, two samples and the admin API under it, so `npm test` catches a
// change that only breaks Deno.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import pkg from "../../package.json" with { type: "json" };

const root = resolve(import.meta.dir, "../..");
const deno = resolve(root, "node_modules/deno/deno");
const denoTimeoutMs = 120_000;

async function exec(cmd: string[], env: Record<string, string> = {}) {
  const proc = Bun.spawn(cmd, { cwd: root, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1", ...env } });
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

  test("deno task check type-checks the CLI and the engine", async () => {
    const r = await exec([deno, "task", "check"]);
    if (r.code !== 0) throw new Error(`deno task check failed:\n${r.stdout}${r.stderr}`);
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

  test("sample 01 runs and prints its batches", async () => {
    const r = await exec([deno, "task", "run", "samples/01-basic-streaming/pipeline.ts"], { SLUICE_SAMPLE_SECONDS: "3" });
    if (r.code !== 0) throw new Error(`sample 01 failed under deno:\n${r.stderr}`);
    expect(r.stdout).toContain("Batch: 0\n");
    expect(r.stdout).toContain("|timestamp");
  }, denoTimeoutMs);

  test("the admin API answers health and ready, and stopping a query over it ends sample 02", async () => {
    // `deno run` itself rather than `deno task run`, so that kill() reaches the process that serves.
    const proc = Bun.spawn([deno, "run", "-A", "runtime/main.ts", "run", "samples/02-output-modes/pipeline.ts", "--admin-port", "0"], {
      cwd: root, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1", SLUICE_SAMPLE_SECONDS: "100" },
    });
    try {
      const reader = (proc.stderr as ReadableStream<Uint8Array>).getReader();
      let stderr = "";
      let base: string | undefined;
      while (base === undefined) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`ended before announcing the admin API:\n${stderr}`);
        stderr += new TextDecoder().decode(value);
        base = /admin API on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(stderr)?.[1];
      }
      const health = await fetch(`${base}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      // The dashboard's files are text imports, which Deno reads as Bun does.
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module" src="/assets/main.mjs"></script>');
      const uPlot = await fetch(`${base}/assets/uPlot.esm.js`);
      expect(await uPlot.text()).toBe(readFileSync(resolve(root, "node_modules/uplot/dist/uPlot.esm.js"), "utf8"));
      const events = await fetch(`${base}/api/v1/events`);
      const firstEvent = events.body!.getReader();
      expect(new TextDecoder().decode((await firstEvent.read()).value)).toContain("event: queries\ndata: ");
      await firstEvent.cancel();
      let ready = await fetch(`${base}/api/v1/ready`);
      for (let i = 0; ready.status !== 200 && i < 200; i++) {
        await Bun.sleep(50);
        ready = await fetch(`${base}/api/v1/ready`);
      }
      const body = await ready.json() as { ready: boolean; queries: { id: string; status: string }[] };
      expect(body.ready).toBe(true);
      expect(body.queries.map((q) => q.status)).toEqual(["running", "running", "running"]);
      // The sample ends when any of its queries ends: it stops the other two itself.
      const stop = await fetch(`${base}/api/v1/queries/${body.queries[0]!.id}/stop`, { method: "POST" });
      expect(stop.status).toBe(200);
      expect(await proc.exited).toBe(0);
    } finally {
      if (proc.exitCode === null) proc.kill();
    }
  }, denoTimeoutMs);
});
