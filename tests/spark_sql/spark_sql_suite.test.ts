// Spark's own SQL golden tests (spark-sql 4.1.0 tests jar, fetched from Maven Central into .tmp/
// on first use) over the files of figures.json: no file may pass fewer queries or match fewer of
// Spark's error classes than committed, and no query outside the committed list may give a wrong
// answer. `bun scripts/spark_sql_suite.ts --details DIR` shows what fails and why.
import { describe, expect, test } from "bun:test";
import { readFigures } from "./figures.ts";
import { sparkSqlTestsDir } from "./spark_tests_jar.ts";
import { runFiles } from "./suite_run.ts";

/** Fetching the jar the first time (Maven), then one to two minutes of queries. */
const SUITE_TIMEOUT_MS = 15 * 60_000;

describe("Spark's SQL test suite", () => {
  test("every file keeps its committed figures and gives no new wrong answer", async () => {
    sparkSqlTestsDir();
    const figures = readFigures();
    const names = Object.keys(figures.files);
    // Two files at a time (each in its own process): the two cores CI has.
    const results = await runFiles(names, 2);
    const problems: string[] = [];
    for (const r of results) {
      const want = figures.files[r.name]!;
      const got = r.figures;
      if (r.failure) problems.push(`${r.name}: ${r.failure}`);
      if (got.queries !== want.queries) problems.push(`${r.name}: ${got.queries} queries, committed ${want.queries}`);
      if (got.pass < want.pass) problems.push(`${r.name}: ${got.pass} queries pass, committed ${want.pass}`);
      if (got.errorClassMatched < want.errorClassMatched) {
        problems.push(`${r.name}: ${got.errorClassMatched} expected errors with Spark's class, committed ${want.errorClassMatched}`);
      }
      for (const q of r.report?.queries ?? []) {
        if ((q.outcome === "wrong_result" || q.outcome === "missing_error") && !want.knownWrongResults.includes(q.index)) {
          problems.push(`${r.name} query ${q.index} gives a wrong answer (${q.outcome}): ${q.sql.slice(0, 200)}\n` +
            `  spark:  ${q.expectedOutput.slice(0, 300)}\n  sluice: ${(q.actualOutput ?? "").slice(0, 300)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, SUITE_TIMEOUT_MS);
});
