// The CLI end to end from source (`bun runtime/main.ts …`), for what needs no engine.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import pkg from "../package.json" with { type: "json" };

const main = join(import.meta.dir, "main.ts");

async function sluice(...args: string[]) {
  const env = { ...process.env };
  delete env.SLUICE_ADMIN_TOKEN;
  const proc = Bun.spawn([process.execPath, main, ...args], { stdout: "pipe", stderr: "pipe", env });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited,
  ]);
  return { stdout, stderr, code };
}

describe("sluice CLI", () => {
  test("--version and version print the package version", async () => {
    for (const args of [["--version"], ["version"]]) {
      const r = await sluice(...args);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      expect(r.stdout).toBe(`sluice ${pkg.version}\nbun ${Bun.version} (from source)\n`);
    }
  });

  test("help on every command goes to stdout with exit 0", async () => {
    for (const [args, first] of [
      [["--help"], "sluice — "], [["-h"], "sluice — "], [["help"], "sluice — "],
      [["help", "run"], "Usage: sluice run PIPELINE.ts"], [["run", "--help"], "Usage: sluice run PIPELINE.ts"],
      [["version", "--help"], "Usage: sluice version"], [["help", "--help"], "Usage: sluice help"],
      [["explain", "--help"], "Usage: sluice explain PIPELINE.ts"], [["help", "explain"], "Usage: sluice explain PIPELINE.ts"],
      [["validate", "-h"], "Usage: sluice validate PIPELINE.ts"], [["plugins", "--help"], "Usage: sluice plugins list"],
    ] as const) {
      const r = await sluice(...args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toStartWith(first);
    }
  });

  test("an unknown command prints the usage on stderr and exits 2", async () => {
    const r = await sluice("frobnicate");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toStartWith("sluice: unknown command 'frobnicate'\n\nsluice — ");
    expect(r.stderr).toContain("sluice run PIPELINE.ts");
  });

  test("the admin API on a non-loopback address without SLUICE_ADMIN_TOKEN is refused before the pipeline runs", async () => {
    const r = await sluice("run", join(import.meta.dir, "../tests/e2e/rate_console.pipeline.ts"), "--admin-port", "0", "--admin-host", "0.0.0.0");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error [ADMIN_TOKEN_REQUIRED]: Refusing to serve the admin API on 0.0.0.0:0 without a token: anyone who can " +
      "reach that address could stop and restart the queries.\nhint: Set SLUICE_ADMIN_TOKEN to a secret (clients send 'Authorization: " +
      "Bearer <token>'), or serve on 127.0.0.1.\n");
  });

  test("a run mistake prints the run usage and exits 2", async () => {
    const r = await sluice("run");
    expect(r.code).toBe(2);
    expect(r.stderr).toStartWith("sluice: missing the pipeline file\n\nUsage: sluice run PIPELINE.ts");
  });

  test("a missing pipeline or plugin file is an error with a code, exit 1", async () => {
    const r = await sluice("run", "no/such/pipeline.ts");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error [PATH_NOT_FOUND]: Path does not exist: ${join(process.cwd(), "no/such/pipeline.ts")}. SQLSTATE: 42K03\n`);
    const p = await sluice("run", main, "--plugin", "no/such/plugin.ts");
    expect(p.code).toBe(1);
    expect(p.stderr).toStartWith("error [PLUGIN_PATH_NOT_FOUND]: Plugin path does not exist: ");
    expect(p.stderr).toContain("no/such/plugin.ts");
  });

  test("validate: exit 0 and the queries on stdout, or exit 1 and the error on stderr", async () => {
    const ok = await sluice("validate", join(import.meta.dir, "../tests/e2e/rate_console.pipeline.ts"));
    expect(ok).toMatchObject({ code: 0, stderr: "" });
    expect(ok.stdout).toBe("valid: 1 streaming query\n  (unnamed): rate-micro-batch -> console (append, ProcessingTimeTrigger(0))\n");
    const missing = await sluice("explain", "no/such/pipeline.ts");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toStartWith("error [PATH_NOT_FOUND]: ");
  });
});
