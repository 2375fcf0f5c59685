// Schemathesis (property-based API testing from the OpenAPI document) against the admin server of
// a real `sluice run`, once without and once with SLUICE_ADMIN_TOKEN: every response must match
// the document the server serves (status codes, content types, schemas, headers), bad input must
// be refused with a documented 4xx, auth must not be ignored, and nothing may answer 5xx. The
// stateful phase follows the links it infers (ids from GET /api/v1/queries into stop, restart, …).
// Installs schemathesis with pip when it is missing.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openApiDocument } from "../../runtime/admin/openapi.ts";
import { startAdminProcess, type AdminProcess } from "./admin_process.ts";
import { exec, repoRoot } from "./sluice_binary.ts";

const schemathesisVersion = "4.32.5";
/** Examples per operation and phase: enough to find mismatches, small enough for CI (~10 s a run). */
const maxExamples = 25;

let dir = "";
const running: AdminProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sluice-schemathesis-"));
  const probe = await exec(["python3", "-c", "import schemathesis; print(schemathesis.__version__)"]);
  if (probe.code !== 0 || probe.stdout.trim() !== schemathesisVersion) {
    const pip = await exec(["python3", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", `schemathesis==${schemathesisVersion}`], { timeoutMs: 220_000 });
    if (pip.code !== 0) throw new Error(`pip install schemathesis failed:\n${pip.stdout}${pip.stderr}`);
  }
}, 240_000);

afterAll(async () => {
  for (const p of running) await p.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function pipeline(): string {
  const path = join(dir, `pipeline-${running.length}.ts`);
  const checkpoint = join(dir, `checkpoint-${running.length}`);
  writeFileSync(path, `import { SparkSession } from "sluice";
const spark = SparkSession.builder.appName("schemathesis").getOrCreate();
const rate = spark.readStream.format("rate").option("rowsPerSecond", 20).load();
rate.writeStream.format("memory").queryName("ticks").option("checkpointLocation", ${JSON.stringify(checkpoint)})
  .trigger({ processingTime: "200 milliseconds" }).start();
rate.groupBy().count().writeStream.format("memory").queryName("counts").outputMode("complete")
  .trigger({ processingTime: "200 milliseconds" }).start();
`);
  return path;
}

async function schemathesis(token?: string) {
  const server = await startAdminProcess([pipeline(), "--keep-running"], token ? { SLUICE_ADMIN_TOKEN: token } : {});
  running.push(server);
  const args = [
    "python3", "-m", "schemathesis.cli", "--config-file", join(repoRoot, "tests/e2e/schemathesis.toml"), "run",
    `${server.base}/api/v1/openapi.json`, "--checks", "all", "--max-examples", String(maxExamples), "--workers", "2",
    "--request-timeout", "20", "--no-color",
    // The event stream never ends, so a client that reads whole responses would wait forever;
    // runtime/admin/event_stream.test.ts checks it instead.
    "--exclude-path", "/api/v1/events",
    "--report", "junit", "--report-dir", join(dir, `report-${running.length}`),
  ];
  if (token) args.push("--header", `Authorization: Bearer ${token}`);
  // Killed before the test's own timeout, so a hung run fails the test instead of outliving it.
  const r = await exec(args, { cwd: dir, env: { ...process.env, SCHEMATHESIS_HOOKS: undefined, NO_COLOR: "1" }, timeoutMs: 90_000 });
  await server.stop();
  const reportDir = join(dir, `report-${running.length}`);
  const junit = readdirSync(reportDir).map((f) => readFileSync(join(reportDir, f), "utf8")).join("");
  // One test case per operation ("METHOD /path"), plus the stateful phase's.
  const tested = [...new Set([...junit.matchAll(/<testcase name="([A-Z]+ \/[^"]*)"/g)].map((m) => m[1]!))].sort();
  return { ...r, tested, serverStderr: server.stderr() };
}

describe("schemathesis against the OpenAPI document", () => {
  for (const token of [undefined, "schemathesis-token"]) {
    test(token ? "with a token" : "without a token", async () => {
      const r = await schemathesis(token);
      if (process.env.SHOW_ST || r.code !== 0) console.error(r.stdout + r.stderr + "\n--- sluice stderr:\n" + r.serverStderr);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/=+ (No issues found|\d+ warnings?) in /);
      // Every documented operation was tested but the event stream (left out above) and the
      // document itself (which schemathesis loads rather than tests; openapi.test.ts checks it).
      const documented = Object.entries((openApiDocument("") as { paths: Record<string, object> }).paths)
        .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
      expect(documented.length).toBeGreaterThan(10);
      expect(r.tested).toEqual(documented.filter((op) => op !== "GET /api/v1/events" && op !== "GET /api/v1/openapi.json").sort());
    }, 120_000);
  }
});
