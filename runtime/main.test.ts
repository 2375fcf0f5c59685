// The CLI end to end from source (`bun runtime/main.ts …`), for what needs no engine.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../package.json" with { type: "json" };

const main = join(import.meta.dir, "main.ts");
const scratch = mkdtempSync(join(tmpdir(), "sluice-main-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** A pipeline file outside the repository, as a user's. */
const pipelineFile = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

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

  test("a syntax error in the pipeline names file:line:column and shows the line", async () => {
    const path = pipelineFile("syntax.ts", 'import { SparkSession } from "sluice";\nconst spark = SparkSession.builder.getOrCreate();\nconst x = ;\n');
    const r = await sluice("run", path);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: Unexpected ;\n    at ${path}:3:11\n  3 | const x = ;\n    |           ^\n`);
  });

  test("an error raised by a call in the pipeline points at that call", async () => {
    const path = pipelineFile("habit.ts", [
      'import { SparkSession, functions as F } from "sluice";',
      "const spark = SparkSession.builder.getOrCreate();",
      'const df = spark.readStream.format("rate").load();',
      'df.withColumn("double", F.col("value") * 2);',
    ].join("\n") + "\n");
    const r = await sluice("run", path);
    expect(r.code).toBe(1);
    expect(r.stderr).toStartWith("error [JS_OPERATOR_ON_COLUMN]: Column<'value'> was used with a JavaScript operator");
    expect(r.stderr).toEndWith(`    at ${path}:4:25\n  4 | df.withColumn("double", F.col("value") * 2);\n    |                         ^\n`);
  });

  test("the words after -- are the pipeline's process.argv.slice(2)", async () => {
    const path = pipelineFile("args.ts", 'import process from "node:process";\nconsole.log(JSON.stringify(process.argv.slice(1)));\n');
    const r = await sluice("run", path, "--", "in dir", "--limit", "5");
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toBe(`${JSON.stringify([path, "in dir", "--limit", "5"])}\n`);
  });

  test("Ctrl-C while the pipeline is still loading stops the query it starts afterwards", async () => {
    const path = pipelineFile("slow_start.ts", [
      'import { SparkSession } from "sluice";',
      "await new Promise((r) => setTimeout(r, 3000));",
      "const spark = SparkSession.builder.getOrCreate();",
      'const q = spark.readStream.format("rate").load().writeStream.format("memory").queryName("slow_start").start();',
      "await q.awaitTermination();",
    ].join("\n") + "\n");
    const proc = Bun.spawn([process.execPath, main, "run", path], { stdout: "pipe", stderr: "pipe" });
    // Late enough for main.ts to hold signals, early enough that the engine may still be loading.
    await new Promise((r) => setTimeout(r, 1000));
    proc.kill("SIGINT");
    const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    clearTimeout(timer);
    expect(stderr).toContain("SIGINT: stopping 0 running queries");
    expect(code).toBe(0);
  }, 20_000);
});
