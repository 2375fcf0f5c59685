// Runs one of Spark's SQL test files through Sluice and compares each query with Spark's golden
// answer the way SQLQueryTestSuite does: a fresh session in America/Los_Angeles with ANSI on, the
// suite's test tables, the file's settings, then per query the schema (`catalogString`) and the
// output (HiveResult strings, tab-separated, sorted unless the plan is semantically sorted); an
// expected error passes when Sluice throws Spark's error class.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../../runtime/api/session.ts";
import { SluiceError } from "../../runtime/errors.ts";
import { children, type Plan } from "../../runtime/plan/plan.ts";
import { parseStatement } from "../../runtime/sql/statement_parser.ts";
import type { StructType } from "../../runtime/types/data_type.ts";
import { hiveFormatter } from "./hive_result.ts";
import { sparkMessage } from "./spark_messages.ts";
import { createTestTables } from "./test_tables.ts";
import { normalizeOutput, type ExpectedQuery, type SparkTestFile } from "./test_file.ts";

/**
 * pass; wrong_result: rows (or column types) differ from Spark's; wrong_name: only column names
 * differ; missing_error: Spark fails, Sluice answers; wrong_error: both fail with different error
 * classes; unsupported: Sluice fails where Spark answers.
 */
export type Outcome = "pass" | "wrong_result" | "wrong_name" | "missing_error" | "wrong_error" | "unsupported";

export interface QueryReport {
  readonly index: number;
  readonly sql: string;
  readonly outcome: Outcome;
  /** Spark's answer is an error. */
  readonly expectedError: boolean;
  readonly expectedSchema: string;
  readonly expectedOutput: string;
  readonly actualSchema?: string;
  readonly actualOutput?: string;
  /** Sluice's error class (or JS error name) when Sluice failed. */
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** Spark's message for an expected error, when its error class is known (for reading reports). */
  readonly expectedMessage?: string;
  readonly ms: number;
}

export interface FileReport {
  readonly name: string;
  readonly queries: readonly QueryReport[];
}

export const SESSION_TIME_ZONE = "America/Los_Angeles";

export function runTestFile(dataDir: string, file: SparkTestFile): FileReport {
  const warehouse = mkdtempSync(join(tmpdir(), "sluice-sql-tests-warehouse-"));
  try {
    return runInWarehouse(dataDir, file, warehouse);
  } finally {
    rmSync(warehouse, { recursive: true, force: true });
  }
}

function runInWarehouse(dataDir: string, file: SparkTestFile, warehouse: string): FileReport {
  const spark = new SparkSession();
  spark.conf.set("spark.sql.session.timeZone", SESSION_TIME_ZONE);
  spark.conf.set("spark.sql.ansi.enabled", "true");
  spark.conf.set("spark.sql.warehouse.dir", warehouse);
  // Spark's tests run with Utils.isTesting, which turns the TIME type on (off in a release).
  spark.conf.set("spark.sql.timeType.enabled", "true");
  // SharedSparkSession's master is local[2]: rows given with a query are read in 2 partitions, and
  // aggregates merge their partial results (skewness, histogram_numeric … round accordingly).
  spark.conf.set("spark.default.parallelism", "2");
  createTestTables(spark, dataDir);
  for (const [k, v] of file.settings) spark.sql(`set ${k}=${v}`);
  const reports: QueryReport[] = [];
  file.queries.forEach((sql, index) => {
    const expected = file.expected[index]!;
    const started = performance.now();
    let actual = execute(spark, sql);
    let outcome = classify(expected, actual);
    // SQLQueryTestSuite also checks every answered query of cte.sql through a temp view.
    if (file.name === "cte.sql" && outcome === "pass" && isQuery(sql) && expected.schema !== "struct<>" && !hasDuplicateColumns(expected.schema)) {
      const viaView = execute(spark, `CREATE temporary VIEW cte_view AS ${sql}`);
      if ("error" in viaView) actual = viaView;
      else actual = execute(spark, "SELECT * FROM cte_view");
      outcome = classify(expected, actual);
      execute(spark, "DROP VIEW IF EXISTS cte_view");
    }
    const ms = performance.now() - started;
    reports.push({
      index, sql, outcome, ms,
      expectedError: expectedError(expected) !== undefined,
      expectedMessage: expectedMessageOf(dataDir, expected),
      expectedSchema: expected.schema,
      expectedOutput: expected.output,
      ...("error" in actual
        ? { errorCode: actual.error, errorMessage: actual.message }
        : { actualSchema: actual.schema, actualOutput: actual.output }),
    });
  });
  return { name: file.name, queries: reports };
}

type Actual = { schema: string; types: string[]; output: string } | { error: string; message: string };

function execute(spark: SparkSession, sql: string): Actual {
  try {
    const df = spark.sql(sql);
    const schema = df.schema;
    const kind = statementKind(sql, spark);
    const rows = df.collectRaw().rows as unknown[][];
    let lines: string[];
    if (kind === "describe") {
      // HiveResult.formatDescribeTableOutput: each of the three columns padded to 20.
      lines = rows.map((r) => [r[0], r[1], r[2] ?? ""].map((s) => String(s).padEnd(20)).join("\t"));
    } else if (kind === "showTables") {
      lines = rows.map((r) => String(r[1]));
    } else {
      const fs = schema.fields.map((f) => hiveFormatter(f.dataType, spark.timeZone));
      lines = rows.map((r) => fs.map((f, i) => f(r[i])).join("\t"));
    }
    lines = lines.map(replaceNotIncluded);
    if (kind !== "describe" && !isSemanticallySorted(df.plan)) lines.sort();
    return { schema: catalogString(schema), types: schema.fields.map((f) => f.dataType.simpleString()), output: normalizeOutput(lines.join("\n")) };
  } catch (e) {
    if (e instanceof SluiceError) return { error: e.code, message: e.bareMessage };
    const err = e instanceof Error ? e : new Error(String(e));
    return { error: `internal:${err.name}`, message: `${err.message}\n${err.stack ?? ""}` };
  }
}

/**
 * SQLQueryTestHelper.replaceNotIncludedMsg: Spark masks expression ids and plan ids in every
 * output line (so a value like `1#2` prints as `1#x` too); the warehouse-path masks do not apply.
 */
function replaceNotIncluded(line: string): string {
  return line.replace(/#\d+/g, "#x")
    .replace(/plan_id=\d+/g, "plan_id=x")
    .replace(/CTERelationDef \d+,/g, "CTERelationDef xxxx,")
    .replace(/CTERelationRef \d+,/g, "CTERelationRef xxxx,")
    .replace(/UnionLoop \d+/g, "UnionLoop xxxx")
    .replace(/UnionLoopRef \d+,/g, "UnionLoopRef xxxx,")
    .replace(/Loop id: \d+/g, "Loop id: xxxx")
    .replace(/@\w*,/g, "@xxxxxxxx,")
    .replace(/\*\(\d+\) /g, "*")
    .replace(/Created By.*/g, "Created By [not included in comparison]")
    .replace(/Created Time.*/g, "Created Time [not included in comparison]")
    .replace(/Last Access.*/g, "Last Access [not included in comparison]")
    .replace(/Owner.*/g, "Owner [not included in comparison]")
    .replace(/cterelationdef \d+,/g, "cterelationdef xxxx,")
    .replace(/cterelationref \d+,/g, "cterelationref xxxx,");
}

function statementKind(sql: string, spark: SparkSession): string {
  try {
    return parseStatement(sql, { timeZone: spark.timeZone }).kind;
  } catch {
    return "query";
  }
}

function isQuery(sql: string): boolean {
  try {
    return parseStatement(sql).kind === "query";
  } catch {
    return false;
  }
}

function catalogString(schema: StructType): string {
  return schema.simpleString();
}

function hasDuplicateColumns(schema: string): boolean {
  const cols = schema.replace(/^struct</, "").replace(/>$/, "").split(",");
  return new Set(cols).size !== cols.length;
}

/**
 * SQLQueryTestHelper.isSemanticallySorted: a global sort reached from the root without passing a
 * join, aggregate, generator, sample or distinct. Subqueries are expressions in Spark's plans,
 * not children, so only a `subqueries` node's input is searched.
 */
export function isSemanticallySorted(plan: Plan): boolean {
  switch (plan.kind) {
    case "join":
    case "aggregate":
    case "generate":
    case "dedup":
      return false;
    case "sort":
      return true;
    case "subqueries":
      return isSemanticallySorted(plan.input);
    default:
      return children(plan).some(isSemanticallySorted);
  }
}

function expectedMessageOf(dir: string, e: ExpectedQuery): string | undefined {
  const err = expectedError(e);
  if (err?.errorClass === undefined) return err?.message;
  try {
    const json = JSON.parse(err.message) as { messageParameters?: Record<string, string> };
    return sparkMessage(dir, err.errorClass, json.messageParameters ?? {});
  } catch {
    return undefined;
  }
}

export function isExpectedError(e: ExpectedQuery): boolean {
  return expectedError(e) !== undefined;
}

const JAVA_CLASS = /^[a-z][a-z0-9_]*(\.[A-Za-z0-9_$]+)+$/;

function expectedError(e: ExpectedQuery): { errorClass?: string; message: string } | undefined {
  if (e.schema !== "struct<>" || e.output === "") return undefined;
  const nl = e.output.indexOf("\n");
  const first = nl < 0 ? e.output : e.output.slice(0, nl);
  if (!JAVA_CLASS.test(first)) return undefined;
  const rest = nl < 0 ? "" : e.output.slice(nl + 1);
  if (rest.startsWith("{")) {
    try {
      const json = JSON.parse(rest) as { errorClass?: string };
      if (json.errorClass) return { errorClass: json.errorClass, message: rest };
    } catch {
      // not Spark's JSON: compare the message
    }
  }
  return { message: rest };
}

function classify(expected: ExpectedQuery, actual: Actual): Outcome {
  const err = expectedError(expected);
  if (err) {
    if (!("error" in actual)) return "missing_error";
    if (err.errorClass !== undefined) return actual.error === err.errorClass ? "pass" : "wrong_error";
    return actual.message === err.message ? "pass" : "wrong_error";
  }
  if ("error" in actual) return "unsupported";
  if (actual.output !== expected.output) return "wrong_result";
  if (actual.schema === expected.schema) return "pass";
  return sameTypes(expected.schema, actual.types) ? "wrong_name" : "wrong_result";
}

/** Whether `struct<name:type,…>` has these field types, whatever the names (they may hold `:` or `,`). */
function sameTypes(schema: string, types: readonly string[]): boolean {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^struct<${types.map((t) => `.*?:${escape(t)}`).join(",")}>$`, "s").test(schema);
}
