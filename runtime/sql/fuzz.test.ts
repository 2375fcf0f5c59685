// Fuzzing the SQL front end: random statements from a small grammar and mutations (tokens
// deleted, repeated, swapped, replaced; text cut short) of the conformance queries go through
// spark.sql() and, when that succeeds, run. Every failure must be a SluiceError (never a
// TypeError or a stack overflow), and every input must finish quickly (no exponential parsing).
// The generator is seeded, so a failure is reproducible from the printed input.
import { describe, expect, test } from "bun:test";
import { SparkSession } from "../api/session.ts";
import { SluiceError } from "../errors.ts";
import { tokenize } from "./lexer.ts";
import cases from "../../tests/conformance/sql/cases.json" with { type: "json" };

/** Inputs per test, and the time one input may take (parse, bind and run) in milliseconds. */
const inputsPerTest = 1500;
const maxMsPerInput = 2000;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
spark.createDataFrame([[1, "a", 1.5, [1, 2]], [2, null, null, []], [null, "c", -0.5, null]], "x INT, s STRING, d DOUBLE, arr ARRAY<INT>")
  .createOrReplaceTempView("f1");
spark.createDataFrame([[1, "p"], [3, "q"], [null, null]], "x INT, t STRING").createOrReplaceTempView("f2");
for (const v of ["emp", "dept", "sales", "t1", "t2", "scores", "nested", "conversion_funnel"]) {
  spark.createDataFrame([[1, "a"], [2, "b"]], "id INT, name STRING").createOrReplaceTempView(v);
}

const WORDS = [
  "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "JOIN", "LEFT", "RIGHT", "FULL", "OUTER", "INNER",
  "CROSS", "SEMI", "ANTI", "ON", "USING", "UNION", "ALL", "DISTINCT", "INTERSECT", "EXCEPT", "WITH", "AS", "AND", "OR", "NOT", "IN",
  "EXISTS", "BETWEEN", "LIKE", "IS", "NULL", "CASE", "WHEN", "THEN", "ELSE", "END", "OVER", "PARTITION", "ROWS", "RANGE", "PRECEDING",
  "FOLLOWING", "UNBOUNDED", "CURRENT", "ROW", "WINDOW", "VALUES", "LATERAL", "VIEW", "WATERMARK", "DELAY", "OF", "INTERVAL", "ROLLUP",
  "CUBE", "GROUPING", "SETS", "CAST", "x", "s", "d", "t", "f1", "f2", "count", "sum", "row_number", "explode", "1", "'a'", "2.5",
  "(", ")", ",", ".", "*", "+", "-", "/", "=", "<", ">", "<=>", ";", "[", "]", "`x`",
];

function mutate(sql: string, r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  if (r() < 0.15) return sql.slice(0, Math.floor(r() * sql.length));
  const toks = tokenize(sql).tokens.filter((t) => t.kind !== "eof").map((t) => t.text);
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n && toks.length > 0; k++) {
    const i = Math.floor(r() * toks.length);
    switch (Math.floor(r() * 5)) {
      case 0: toks.splice(i, 1); break;
      case 1: toks.splice(i, 0, toks[i]!); break;
      case 2: if (i + 1 < toks.length) [toks[i], toks[i + 1]] = [toks[i + 1]!, toks[i]!]; break;
      case 3: toks[i] = pick(WORDS); break;
      default: toks.splice(i, 0, pick(WORDS));
    }
  }
  return toks.join(" ");
}

/** A random statement from a small SQL grammar, `depth` bounding nesting. */
function generate(r: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const col = () => pick(["x", "s", "d", "f1.x", "a.x", "t", "arr", "nope"]);
  const expr = (d: number): string => {
    if (d > 2 || r() < 0.4) return pick([col(), "1", "'v'", "NULL", "2.5", "count(*)", "sum(x)", "current_date()"]);
    switch (Math.floor(r() * 7)) {
      case 0: return `${expr(d + 1)} ${pick(["+", "-", "*", "/", "=", "<", "AND", "OR", "||"])} ${expr(d + 1)}`;
      case 1: return `CASE WHEN ${expr(d + 1)} THEN ${expr(d + 1)} ELSE ${expr(d + 1)} END`;
      case 2: return `${pick(["abs", "upper", "coalesce", "max", "min", "avg", "concat"])}(${expr(d + 1)})`;
      case 3: return `${pick(["row_number()", "sum(x)", "lag(x)", "rank()"])} OVER (${r() < 0.5 ? "PARTITION BY s " : ""}${r() < 0.7 ? "ORDER BY x" : ""})`;
      case 4: return depth < 2 ? `(${generate(r, depth + 1)})` : expr(d + 1);
      case 5: return `${expr(d + 1)} IN (${depth < 2 && r() < 0.5 ? generate(r, depth + 1) : "1, 2"})`;
      default: return `CAST(${expr(d + 1)} AS ${pick(["INT", "STRING", "DOUBLE", "DATE"])})`;
    }
  };
  const rel = (): string => {
    const base = r() < 0.7 ? pick(["f1", "f2", "f1 a", "f2 b"]) : depth < 2 ? `(${generate(r, depth + 1)}) q` : "f1";
    if (r() < 0.3) return `${base} ${pick(["JOIN", "LEFT JOIN", "FULL JOIN", "LEFT SEMI JOIN", "CROSS JOIN"])} ${pick(["f2", "f1 c"])} ${r() < 0.8 ? `ON ${expr(1)}` : ""}`;
    return base;
  };
  let sql = `SELECT ${r() < 0.2 ? "DISTINCT " : ""}${Array.from({ length: 1 + Math.floor(r() * 3) }, () => `${expr(0)}${r() < 0.3 ? " AS c" : ""}`).join(", ")}`;
  if (r() < 0.9) sql += ` FROM ${rel()}`;
  if (r() < 0.4) sql += ` WHERE ${expr(0)}`;
  if (r() < 0.3) sql += ` GROUP BY ${pick(["x", "s", "1", "ROLLUP(x, s)", "x, s"])}`;
  if (r() < 0.2) sql += ` HAVING ${expr(0)}`;
  if (r() < 0.2) sql += ` ${pick(["UNION", "UNION ALL", "INTERSECT", "EXCEPT"])} SELECT x FROM f2`;
  if (r() < 0.3) sql += ` ORDER BY ${pick(["1", "x DESC", "s NULLS LAST", expr(1)])}`;
  if (r() < 0.2) sql += ` LIMIT ${pick(["1", "0", "-1", "x"])}`;
  return sql;
}

function check(sql: string): void {
  const started = performance.now();
  try {
    const df = spark.sql(sql);
    if (!df.isStreaming) df.collectRaw();
  } catch (e) {
    if (!(e instanceof SluiceError)) {
      throw new Error(`not a SluiceError for input:\n${sql}\n${(e as Error)?.stack ?? String(e)}`);
    }
    if (e.kind === "internal") throw new Error(`internal error for input:\n${sql}\n${e.message}`);
  }
  const ms = performance.now() - started;
  if (ms > maxMsPerInput) throw new Error(`took ${ms.toFixed(0)} ms: ${sql}`);
}

describe("SQL fuzzing", () => {
  test("mutated conformance queries fail only with SluiceError, quickly", () => {
    const r = rng(7);
    const corpus = (cases as { sql: string }[]).map((c) => c.sql);
    for (let i = 0; i < inputsPerTest; i++) check(mutate(corpus[i % corpus.length]!, r));
  }, 120_000);

  test("random statements fail only with SluiceError, quickly", () => {
    const r = rng(11);
    for (let i = 0; i < inputsPerTest; i++) check(generate(r));
  }, 120_000);

  test("deeply nested input is refused cleanly", () => {
    check(`SELECT ${"(".repeat(2000)}1${")".repeat(2000)}`);
    check(`SELECT * FROM ${"(SELECT * FROM ".repeat(300)}f1${")".repeat(300)}`);
    expect(true).toBe(true);
  }, 60_000);
});
