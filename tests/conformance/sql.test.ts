// Spark SQL conformance: every case in sql/cases.json, run with spark.sql() over the tables of
// sql/tables.json (registered as temp views), must give what PySpark 4.1.1 gave (sql/golden.json,
// written by scripts/goldens/sql.py): the same column names and types and the same rows (in
// Spark's order when the query ends with ORDER BY, as a multiset otherwise), or an error with the
// same error class at the same step (a setup statement or the query).

import { describe, expect, test } from "bun:test";
import { SparkSession } from "../../runtime/mod.ts";
import { parseStatement } from "../../runtime/sql/statement_parser.ts";
import { literalExpr } from "../../runtime/api/column.ts";
import { type Encoded, parseSchema, toEncodedRow, toInternalRow, type TypeLike } from "./golden_values.ts";
import tables from "./sql/tables.json" with { type: "json" };
import cases from "./sql/cases.json" with { type: "json" };
import golden from "./sql/golden.json" with { type: "json" };

interface Case {
  id: string;
  sql: string;
  setup?: string[];
  conf?: Record<string, string>;
  args?: Record<string, unknown> | unknown[];
}
interface Golden {
  id: string;
  schema?: { name: string; type: string }[];
  rows?: Encoded[][];
  error?: { class: string | null; sqlState: string | null; message: string };
  stage?: "setup" | "query";
}

const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
for (const [name, t] of Object.entries(tables as Record<string, { schema: string; rows: Encoded[][] }>)) {
  const schema = parseSchema(t.schema);
  spark.createDataFrame(t.rows.map((r) => toInternalRow(r, schema)), t.schema).createOrReplaceTempView(name);
}
const baseViews = new Set(spark.catalog.listTables().map((t) => t.name));
const goldenById = new Map((golden as Golden[]).map((g) => [g.id, g]));

/** Whether the rows of `sql` come in a defined order (a query ending with ORDER BY). */
function ordered(sql: string, args?: Case["args"]): boolean {
  const params = args === undefined ? undefined
    : Array.isArray(args) ? args.map((v) => literalExpr(v))
    : new Map(Object.entries(args).map(([k, v]) => [k, literalExpr(v)] as const));
  const s = parseStatement(sql, { params });
  return s.kind === "query" && s.query.orderBy.length > 0;
}

const key = (r: Encoded[]) => JSON.stringify(r);

function cleanUp(c: Case): void {
  for (const t of spark.catalog.listTables()) if (!baseViews.has(t.name)) spark.catalog.dropTempView(t.name);
  for (const st of c.setup ?? []) {
    const m = /GLOBAL\s+TEMP(?:ORARY)?\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/i.exec(st);
    if (m) spark.catalog.dropGlobalTempView(m[1]!);
  }
}

function run(c: Case): { stage: "setup" | "query"; error?: unknown; schema?: TypeLike; rows?: Encoded[][] } {
  const saved = Object.keys(c.conf ?? {}).map((k) => [k, spark.conf.get(k)] as const);
  for (const [k, v] of Object.entries(c.conf ?? {})) spark.conf.set(k, v);
  let stage: "setup" | "query" = "setup";
  try {
    for (const st of c.setup ?? []) spark.sql(st).collectRaw();
    stage = "query";
    const { schema, rows } = spark.sql(c.sql, c.args).collectRaw();
    return { stage, schema: schema as TypeLike, rows: rows.map((r) => toEncodedRow(r as unknown[], schema as TypeLike)) };
  } catch (e) {
    return { stage, error: e };
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) spark.conf.unset(k);
      else spark.conf.set(k, v);
    }
    cleanUp(c);
  }
}

describe("sql conformance", () => {
  test("every case has a golden and every golden a case", () => {
    const ids = (cases as Case[]).map((c) => c.id);
    expect(ids.filter((id) => !goldenById.has(id))).toEqual([]);
    expect([...goldenById.keys()].filter((id) => !ids.includes(id))).toEqual([]);
  });

  for (const c of cases as Case[]) {
    const g = goldenById.get(c.id);
    if (!g) continue;
    test(`${c.id}: ${c.sql}`, () => {
      const got = run(c);
      if (g.error) {
        if (got.error === undefined) {
          throw new Error(`expected error ${g.error.class} (${g.error.message}) at ${g.stage}, but got ${got.rows?.length} rows`);
        }
        const e = got.error as { code?: string; message?: string };
        if (e.code !== g.error.class || got.stage !== g.stage) {
          throw new Error(`expected error ${g.error.class} at ${g.stage} (${g.error.message})\n     got ${e.code ?? "(no code)"} at ${got.stage}: ${String(e.message).split("\n")[0]}`);
        }
        return;
      }
      if (got.error !== undefined) throw got.error;
      const fields = (got.schema as unknown as { fields: { name: string; dataType: { simpleString(): string } }[] }).fields;
      expect(fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }))).toEqual(g.schema!);
      if (ordered(c.sql, c.args)) expect(got.rows!).toEqual(g.rows!);
      else expect([...got.rows!].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...g.rows!].sort((a, b) => key(a).localeCompare(key(b))));
    });
  }
});
