// Runs a list of Spark's SQL test files, each in its own `bun run_one.ts` process (a file that
// hangs is stopped after FILE_TIMEOUT_MS and counted as failing all its queries), and sums the
// outcomes per file.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { isExpectedError, type FileReport, type Outcome, type QueryReport } from "./run_test_file.ts";
import { sparkSqlTestsDir } from "./spark_tests_jar.ts";
import { readTestFile } from "./test_file.ts";

/** How long one file may run before its process is killed. */
export const FILE_TIMEOUT_MS = Number(process.env.SLUICE_SPARK_SQL_FILE_TIMEOUT_MS ?? 120_000);

export interface FileFigures {
  readonly queries: number;
  readonly pass: number;
  /** Queries where Spark fails, and how many of them Sluice fails with Spark's error class. */
  readonly expectedErrors: number;
  readonly errorClassMatched: number;
  readonly outcomes: Readonly<Record<Outcome, number>>;
  readonly ms: number;
}

export interface FileResult {
  readonly name: string;
  readonly report?: FileReport;
  /** Why the file produced no report (timeout, crash). */
  readonly failure?: string;
  readonly figures: FileFigures;
}

const OUTCOMES: readonly Outcome[] = ["pass", "wrong_result", "wrong_name", "missing_error", "wrong_error", "unsupported"];

export function figuresOf(report: FileReport, ms: number): FileFigures {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  let expectedErrors = 0, errorClassMatched = 0;
  for (const q of report.queries) {
    outcomes[q.outcome]++;
    if (q.expectedError) expectedErrors++;
    if (q.expectedError && q.outcome === "pass") errorClassMatched++;
  }
  return { queries: report.queries.length, pass: outcomes.pass, expectedErrors, errorClassMatched, outcomes, ms: Math.round(ms) };
}

export async function runFiles(names: readonly string[], jobs = 1, onDone?: (r: FileResult) => void): Promise<FileResult[]> {
  const results: FileResult[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      results[i] = await runFile(names[i]!);
      onDone?.(results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

function runFile(name: string): Promise<FileResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(import.meta.dir, "run_one.ts"), name], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), FILE_TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (code === 0) {
        const report = JSON.parse(out) as FileReport;
        resolve({ name, report, figures: figuresOf(report, ms) });
        return;
      }
      const failure = signal === "SIGKILL" ? `killed after ${FILE_TIMEOUT_MS} ms` : `exit ${code ?? signal}: ${err.trim().split("\n").slice(-5).join("\n")}`;
      // Every query of a file that did not finish counts as failed.
      const file = readTestFile(sparkSqlTestsDir(), name);
      const queries = file.queries.map((sql, index): QueryReport => ({
        index, sql, outcome: "unsupported", expectedError: isExpectedError(file.expected[index]!), expectedSchema: file.expected[index]!.schema,
        expectedOutput: file.expected[index]!.output, errorCode: "runner", errorMessage: failure, ms: 0,
      }));
      resolve({ name, failure, figures: figuresOf({ name, queries }, ms) });
    });
  });
}
