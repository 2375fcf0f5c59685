// Spark's own SQL test suite against Sluice: runs input files of the spark-sql 4.1.0 tests jar
// (fetched from Maven Central into .tmp/ the first time) and prints, per file, how many queries
// give Spark's answer.
//
//   bun scripts/spark_sql_suite.ts [FILE…]     the files of tests/spark_sql/figures.json by default
//     --all            every input file of the jar (udf/, udaf/, udtf/ need Python UDFs: left out)
//     --jobs N         files run in N processes at once (default 1)
//     --details DIR    writes DIR/<file>.txt with each failing query, Spark's answer and Sluice's
//     --update         writes the figures to tests/spark_sql/figures.json and README.md
//
// The last line is a JSON object with the totals.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { sparkSqlTestsDir } from "../tests/spark_sql/spark_tests_jar.ts";
import { runFiles, type FileResult } from "../tests/spark_sql/suite_run.ts";
import { FIGURES_PATH, readFigures, writeFigures, type CommittedFile } from "../tests/spark_sql/figures.ts";

const root = resolve(import.meta.dir, "..");
/** The 25 files issue 22 measured Sluice by (its goal: >= 90% pass, no wrong answer, >= 95% of expected errors with Spark's class). */
const ISSUE_22_FILES = [
  "group-by.sql", "having.sql", "window.sql", "string-functions.sql", "date.sql", "timestamp.sql", "cast.sql", "conditional-functions.sql",
  "null-handling.sql", "except.sql", "intersect-all.sql", "union.sql", "limit.sql", "order-by-nulls-ordering.sql", "inner-join.sql",
  "outer-join.sql", "cte.sql", "json-functions.sql", "math.sql", "operators.sql", "interval.sql", "subquery/in-subquery/in-basic.sql",
  "subquery/in-subquery/simple-in.sql", "subquery/in-subquery/in-group-by.sql", "subquery/exists-subquery/exists-basic.sql",
];

const wrongAnswers = (r: FileResult) => r.figures.outcomes.wrong_result + r.figures.outcomes.missing_error;

const BEGIN = "<!-- spark-sql-suite:begin -->", END = "<!-- spark-sql-suite:end -->";
const args = process.argv.slice(2);
let jobs = 1, details: string | undefined, update = false, all = false;
const names: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === "--jobs") jobs = Number(args[++i]);
  else if (a === "--details") details = args[++i];
  else if (a === "--update") update = true;
  else if (a === "--all") all = true;
  else if (a === "--help" || a === "-h") {
    process.stdout.write(readFileSync(import.meta.path, "utf8").split("\n").filter((l) => l.startsWith("//")).map((l) => l.slice(3)).join("\n") + "\n");
    process.exit(0);
  } else if (a.startsWith("--")) {
    process.stderr.write(`unknown option ${a} (see --help)\n`);
    process.exit(2);
  } else names.push(a);
}

const dir = sparkSqlTestsDir();
const committed = readFigures();
if (all) names.push(...allInputFiles(join(dir, "sql-tests", "inputs")));
if (names.length === 0) names.push(...Object.keys(committed.files));

const started = performance.now();
const results = await runFiles(names, jobs, (r) => {
  const f = r.figures;
  process.stderr.write(`${r.name}: ${f.pass}/${f.queries}${r.failure ? ` (${r.failure})` : ""}\n`);
});
const totalMs = performance.now() - started;

const header = ["file", "queries", "pass", "%", "wrong result", "missing error", "wrong error class", "unsupported", "wrong name", "ms"];
const lines = [header.join("\t")];
for (const r of results) {
  const f = r.figures, o = f.outcomes;
  lines.push([r.name, f.queries, f.pass, pct(f.pass, f.queries), o.wrong_result, o.missing_error, o.wrong_error, o.unsupported, o.wrong_name, f.ms].join("\t"));
}
const sum = (k: (r: FileResult) => number) => results.reduce((a, r) => a + k(r), 0);
const totals = {
  files: results.length,
  queries: sum((r) => r.figures.queries),
  pass: sum((r) => r.figures.pass),
  wrongResults: sum((r) => r.figures.outcomes.wrong_result + r.figures.outcomes.missing_error),
  expectedErrors: sum((r) => r.figures.expectedErrors),
  errorClassMatched: sum((r) => r.figures.errorClassMatched),
  wrongErrorClass: sum((r) => r.figures.outcomes.wrong_error),
  unsupported: sum((r) => r.figures.outcomes.unsupported),
  wrongName: sum((r) => r.figures.outcomes.wrong_name),
  seconds: Math.round(totalMs / 100) / 10,
};
lines.push(["total", totals.queries, totals.pass, pct(totals.pass, totals.queries), "", "", "", "", "", Math.round(totalMs)].join("\t"));
process.stdout.write(lines.join("\n") + "\n");

if (details) {
  mkdirSync(details, { recursive: true });
  for (const r of results) {
    const out: string[] = [];
    if (r.failure) out.push(`FILE FAILED: ${r.failure}`);
    for (const q of r.report?.queries ?? []) {
      if (q.outcome === "pass") continue;
      const message = q.expectedMessage !== undefined ? `--- spark's message\n${q.expectedMessage}\n` : "";
      out.push(`### ${q.index} ${q.outcome}\n${q.sql}\n--- spark\n${q.expectedSchema}\n${q.expectedOutput}\n${message}--- sluice\n${
        q.errorCode !== undefined ? `${q.errorCode}: ${q.errorMessage}` : `${q.actualSchema}\n${q.actualOutput}`}\n`);
    }
    const file = join(details, `${r.name}.txt`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, out.join("\n"));
  }
}

if (update) {
  const files: Record<string, CommittedFile> = {};
  for (const r of results) {
    const f = r.figures;
    files[r.name] = {
      queries: f.queries, pass: f.pass, expectedErrors: f.expectedErrors, errorClassMatched: f.errorClassMatched,
      knownWrongResults: (r.report?.queries ?? []).filter((q) => q.outcome === "wrong_result" || q.outcome === "missing_error").map((q) => q.index),
    };
  }
  writeFigures({ ...committed, files });
  updateReadme(results);
  process.stderr.write(`wrote ${relative(root, FIGURES_PATH)} and the README table\n`);
}

process.stdout.write(JSON.stringify(totals) + "\n");

function pct(a: number, b: number): string {
  return b === 0 ? "-" : `${Math.floor((1000 * a) / b) / 10}`;
}

function allInputFiles(inputs: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith(".sql")) out.push(relative(inputs, p));
    }
  };
  walk(inputs);
  // Files without a results file (ignored.sql) are not run by Spark's suite either.
  const results = join(inputs, "..", "results");
  return out.filter((f) => !/^(udf|udaf|udtf)\//.test(f) && existsSync(join(results, `${f}.out`)));
}

function updateReadme(results: readonly FileResult[]): void {
  const path = join(root, "README.md");
  const text = readFileSync(path, "utf8");
  const b = text.indexOf(BEGIN), e = text.indexOf(END);
  if (b < 0 || e < 0) throw new Error(`README.md has no ${BEGIN} … ${END} section`);
  const rows = ["| file | queries | pass | % | wrong answers | expected errors with Spark's class |", "| --- | ---: | ---: | ---: | ---: | ---: |"];
  for (const r of [...results].sort((x, y) => x.name.localeCompare(y.name))) {
    const f = r.figures;
    rows.push(`| \`${r.name}\` | ${f.queries} | ${f.pass} | ${pct(f.pass, f.queries)} | ${wrongAnswers(r)} | ${f.errorClassMatched}/${f.expectedErrors} |`);
  }
  rows.push(`| **total** | ${totals.queries} | ${totals.pass} | ${pct(totals.pass, totals.queries)} | ${totals.wrongResults} | ${totals.errorClassMatched}/${totals.expectedErrors} |`);
  const core = results.filter((r) => ISSUE_22_FILES.includes(r.name));
  const add = (k: (r: FileResult) => number) => core.reduce((n, r) => n + k(r), 0);
  const [q, p, wrong, errs, matched] = [add((r) => r.figures.queries), add((r) => r.figures.pass), add(wrongAnswers), add((r) => r.figures.expectedErrors), add((r) => r.figures.errorClassMatched)];
  const summary = core.length === ISSUE_22_FILES.length
    ? `\nThe ${core.length} files issue 22 started from (\`group-by\` … \`exists-basic\`): ${p} of ${q} queries pass (${pct(p, q)}%), ${wrong} wrong answers, ${matched} of ${errs} expected errors (${pct(matched, errs)}%) come with Spark's error class.\n`
    : "";
  writeFileSync(path, text.slice(0, b + BEGIN.length) + "\n" + rows.join("\n") + "\n" + summary + text.slice(e));
}
