// A project a user can type-check, made and run by the compiled binary from a directory outside
// the repository, with nothing installed: `sluice init`, then `sluice check`, `tsc --noEmit` (the
// repository's TypeScript standing in for the user's), `sluice test` and `sluice run -- ARGS`
// until Ctrl-C; type, syntax and API mistakes reported at their line.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildTimeoutMs, exec, repoRoot, sluiceBinary } from "./sluice_binary.ts";

let binary = "";
let work = "";
let project = "";

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "sluice-project-e2e-"));
  project = join(work, "demo");
  binary = await sluiceBinary();
}, buildTimeoutMs);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The binary, run in `cwd` with only PATH and HOME from this environment (no Bun, no repository). */
function sluice(args: string[], cwd = project) {
  return exec([binary, ...args], { cwd, env: { PATH: "/usr/bin:/bin", HOME: process.env.HOME } });
}

describe("sluice init, check, test and run with the compiled binary", () => {
  test("init scaffolds the project with the SDK, offline", async () => {
    const r = await sluice(["init", "demo"], work);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toStartWith("created demo/: package.json, tsconfig.json, pipeline.ts, transform.ts, transform.test.ts, .gitignore, README.md");
    const pkg = JSON.parse(readFileSync(join(project, "node_modules", "sluice", "package.json"), "utf8"));
    expect(Object.keys(pkg.exports)).toContain("./testing");
    // Declarations an editor completes F. and DataFrame methods from.
    expect(readFileSync(join(project, "node_modules", "sluice", "types", "runtime", "api", "data_frame.d.ts"), "utf8")).toContain("withColumn(");
  }, 60_000);

  test("sluice check and tsc --noEmit pass on the scaffold", async () => {
    const check = await sluice(["check", "pipeline.ts"]);
    expect(check).toMatchObject({ code: 0, stderr: "", stdout: "pipeline.ts: no type errors\n" });
    const tsc = await exec([join(repoRoot, "node_modules", ".bin", "tsc"), "--noEmit", "-p", project], { cwd: project });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  }, 120_000);

  test("sluice test runs the scaffold's test on sluice/testing with the runner inside the binary", async () => {
    const r = await sluice(["test"]);
    expect(r.stdout + r.stderr).toContain("1 pass");
    expect(r.code).toBe(0);
  }, 60_000);

  test("sluice run passes the words after -- to the pipeline and stops on Ctrl-C", async () => {
    const proc = Bun.spawn([binary, "run", "pipeline.ts", "--", "20"], {
      cwd: project, stdout: "pipe", stderr: "pipe", env: { PATH: "/usr/bin:/bin", HOME: process.env.HOME ?? "" },
    });
    const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
    let stdout = "";
    const killer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
    while (!stdout.includes("Batch: 2\n") || !/Batch: 2\n[^]*\+\n\n/.test(stdout)) {
      const { done, value } = await reader.read();
      if (done) break;
      stdout += new TextDecoder().decode(value);
    }
    proc.kill("SIGINT");
    const [code, stderr] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
    clearTimeout(killer);
    expect(stderr).toContain("SIGINT: stopping 1 running query");
    expect(code).toBe(0);
    // Batches 1 and 2 are 5 seconds apart: at 20 rows a second (the argument; the default is 5),
    // about 100 events more.
    const total = (batch: number) => [...stdout.split(`Batch: ${batch}\n`)[1]!.split("Batch:")[0]!.matchAll(/\|\s*(true|false)\|\s*(\d+)\|/g)]
      .reduce((n, m) => n + Number(m[2]), 0);
    expect(total(2) - total(1)).toBeGreaterThan(60);
  }, 60_000);

  test("mistakes point at their line: a type error (check), a syntax error and a Python habit (run)", async () => {
    writeFileSync(join(project, "typo.ts"), 'import { functions as F } from "sluice";\nexport const n: number = F.col("value");\n');
    const check = await sluice(["check", "typo.ts"]);
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(
      "error TS2322: Type 'Column' is not assignable to type 'number'.\n" +
        `    at ${join(project, "typo.ts")}:2:14\n  2 | export const n: number = F.col("value");\n    |              ^\n` +
        "1 type error in typo.ts\n",
    );
    writeFileSync(join(project, "syntax.ts"), 'import { SparkSession } from "sluice";\nconst spark = SparkSession.builder.getOrCreate(;\n');
    const syntax = await sluice(["run", "syntax.ts"]);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toContain(`    at ${join(project, "syntax.ts")}:2:`);
    expect(syntax.stderr).toContain("  2 | const spark = SparkSession.builder.getOrCreate(;\n");
    writeFileSync(join(project, "habit.ts"), [
      'import { SparkSession, col } from "sluice";',
      "const spark = SparkSession.builder.getOrCreate();",
      'spark.readStream.format("rate").load().withColumn("big", col("value") > 3);',
    ].join("\n") + "\n");
    const habit = await sluice(["run", "habit.ts"]);
    expect(habit.code).toBe(1);
    expect(habit.stderr).toStartWith("error [JS_OPERATOR_ON_COLUMN]: ");
    expect(habit.stderr).toContain("hint: Use the Column's methods: ");
    expect(habit.stderr).toContain(`    at ${join(project, "habit.ts")}:3:`);
  }, 60_000);
});
