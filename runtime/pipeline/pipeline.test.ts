import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SluiceError } from "../errors.ts";
import { parsePipeline } from "./load_pipeline.ts";
import { pipelineSchema } from "./pipeline_schema.ts";

const root = join(import.meta.dir, "..", "..");
const main = join(root, "runtime", "main.ts");

async function sluice(args: string[], env: Record<string, string> = {}) {
  const proc = Bun.spawn([process.execPath, main, ...args], { cwd: root, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code };
}

async function bun(args: string[]) {
  const proc = Bun.spawn([process.execPath, ...args], { cwd: root, stdout: "pipe", stderr: "pipe" });
  expect(await proc.exited).toBe(0);
}

const problems = (text: string, env: Record<string, string> = {}): string[] => {
  try {
    parsePipeline(text, "p.json", (n) => env[n]);
  } catch (e) {
    expect((e as SluiceError).code).toBe("INVALID_PIPELINE_FILE");
    return (e as SluiceError).bareMessage.split("\n").slice(1).map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
};

describe("pipeline files", () => {
  test("every schema problem is reported at its JSON path", () => {
    expect(problems(JSON.stringify({
      sources: { ev: { format: "json", options: { path: "/x" }, watermark: { column: "ts" } } },
      queries: { q: { sql: "SELECT 1", sink: { format: "console" }, outputMode: "updat", trigger: { every: 1 }, sinks: 1 } },
    }))).toEqual([
      "/sources/ev/watermark: missing required property 'delay'",
      "/queries/q: unknown property 'sinks'; did you mean 'sink'?",
      "/queries/q/outputMode: must be one of append, update, complete, given \"updat\"",
      "/queries/q/trigger: must be one of {\"processingTime\": \"10 seconds\"}, {\"once\": true}, {\"availableNow\": true}, {\"continuous\": \"1 second\"}, {\"realTime\": \"5 minutes\"}, given {\"every\":1}",
    ]);
    expect(problems("{}")).toEqual(["/: missing required property 'queries'"]);
    expect(problems("{ nope")[0]).toStartWith("not valid JSON");
  });

  test("${VAR} and ${VAR:-default} come from the environment", () => {
    const text = JSON.stringify({
      sources: { ev: { format: "json", options: { path: "${DATA}/in", other: "${MISSING:-fallback}" } } },
      queries: { q: { sql: "SELECT * FROM ev", sink: { format: "console" } } },
    });
    const spec = parsePipeline(text, "p.json", (n) => ({ DATA: "/data" })[n]);
    expect(spec.sources!.ev!.options).toEqual({ path: "/data/in", other: "fallback" });
    expect(problems(text)).toEqual(["/sources/ev/options/path: environment variable DATA is not set (write ${DATA:-default} for a default)"]);
  });

  test("`sluice schema pipeline` prints the schema", async () => {
    const r = await sluice(["schema", "pipeline"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(pipelineSchema)));
  });

  test("plugin options and SQL mistakes are refused before anything starts, naming where", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-pipeline-"));
    try {
      const bad = join(dir, "bad.json");
      writeFileSync(bad, JSON.stringify({
        sources: { ev: { format: "jsn", options: { path: dir } }, ok: { format: "json", schema: "a INT", options: { path: dir, maxFilesPerTriger: 1 } } },
        queries: { q: { sql: "SELECT a FROM ok", sink: { format: "console", options: { numRows: "x" } } } },
      }));
      const r = await sluice(["validate", bad]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("/sources/ev/format: no source named 'jsn'; did you mean 'json'");
      expect(r.stderr).toContain("/sources/ok/options/maxFilesPerTriger: unknown option; did you mean 'maxFilesPerTrigger'");
      expect(r.stderr).toContain("/queries/q/sink/options/numRows: expected an integer, given \"x\"");
      const sqlError = join(dir, "sql.json");
      writeFileSync(sqlError, JSON.stringify({
        sources: { ok: { format: "json", schema: "a INT", options: { path: dir } } },
        queries: { q: { sql: "SELECT b FROM ok", sink: { format: "console" } } },
      }));
      const s = await sluice(["validate", sqlError]);
      expect(s.code).toBe(1);
      expect(s.stderr).toContain("[UNRESOLVED_COLUMN.WITH_SUGGESTION]");
      expect(s.stderr).toContain(`At /queries/q/sql in ${sqlError}.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe("the tutorial samples as pipeline files give what their TypeScript versions give", () => {
  test("07-watermarking", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-sample-07-"));
    try {
      const ts = await sluice(["run", "samples/07-watermarking/pipeline.ts", "--no-progress"], { SLUICE_SAMPLE_DIR: join(dir, "ts") });
      expect(ts.code).toBe(0);
      await bun(["scripts/sample_data.ts", "sensors", join(dir, "json", "readings"), "--files", "4"]);
      const json = await sluice(["run", "samples/07-watermarking/pipeline.json", "--no-progress"], { SLUICE_SAMPLE_DIR: join(dir, "json") });
      expect(json.stderr).toBe("");
      expect(json.code).toBe(0);
      // The TypeScript version goes on to print its progress table; the batches come before it.
      const batches = ts.stdout.slice(0, ts.stdout.indexOf("batch | input rows"));
      expect(batches).toContain("Batch: 2");
      expect(json.stdout).toBe(batches);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test("08-ecommerce", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-sample-08-"));
    try {
      const ts = await sluice(["run", "samples/08-ecommerce/pipeline.ts", "--no-progress"], { SLUICE_SAMPLE_DIR: join(dir, "ts") });
      expect(ts.code).toBe(0);
      await bun(["samples/08-ecommerce/generate_events.ts", join(dir, "json", "input")]);
      const json = await sluice(["run", "samples/08-ecommerce/pipeline.json", "--no-progress"], { SLUICE_SAMPLE_DIR: join(dir, "json") });
      expect(json.stderr).toBe("");
      expect(json.code).toBe(0);
      expect(ts.stdout).toContain("Conversion funnel:");
      expect(json.stdout).toBe(ts.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
