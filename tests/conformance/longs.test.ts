// Exact longs (issue 17) against PySpark 4.1.1: every case of longs/cases.json — an expression
// over the table in longs/input.json, or a query over it as the view `t` — must give what PySpark
// gave (longs/golden.json, written by scripts/goldens/longs.py): the same names, types and rows
// (bigints beyond 2^53 included, digit for digit), or an error with the same class. Results are
// also checked to be in the engine's canonical long form (golden_values.ts refuses any other).

import { describe, expect, test } from "bun:test";
import { SparkSession } from "../../runtime/mod.ts";
import { type Encoded, parseSchema, toEncodedRow, toInternalRow, type TypeLike } from "./golden_values.ts";
import input from "./longs/input.json" with { type: "json" };
import cases from "./longs/cases.json" with { type: "json" };
import golden from "./longs/golden.json" with { type: "json" };

interface Case {
  id: string;
  expr?: string;
  sql?: string;
  conf?: Record<string, string>;
}
interface Golden {
  id: string;
  schema?: { name: string; type: string }[];
  rows?: Encoded[][];
  error?: { class: string | null; sqlState: string | null; message: string };
}

const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
const inputSchema = parseSchema(input.schema);
const table = spark.createDataFrame((input.rows as Encoded[][]).map((r) => toInternalRow(r, inputSchema)), input.schema);
table.createOrReplaceTempView("t");
const goldenById = new Map((golden as Golden[]).map((g) => [g.id, g]));

function run(c: Case) {
  const saved = Object.keys(c.conf ?? {}).map((k) => [k, spark.conf.get(k)] as const);
  for (const [k, v] of Object.entries(c.conf ?? {})) spark.conf.set(k, v);
  try {
    return (c.sql !== undefined ? spark.sql(c.sql) : table.selectExpr(c.expr!)).collectRaw();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) spark.conf.unset(k);
      else spark.conf.set(k, v);
    }
  }
}

describe("exact longs", () => {
  test("the input keeps every digit", () => {
    const { schema, rows } = table.collectRaw();
    expect(rows.map((r) => toEncodedRow(r as unknown[], schema as TypeLike))).toEqual(input.rows as Encoded[][]);
  });

  test("every case has a golden and every golden a case", () => {
    const ids = (cases as Case[]).map((c) => c.id);
    expect(ids.filter((id) => !goldenById.has(id))).toEqual([]);
    expect([...goldenById.keys()].filter((id) => !ids.includes(id))).toEqual([]);
  });

  for (const c of cases as Case[]) {
    const g = goldenById.get(c.id);
    if (!g) continue;
    const conf = c.conf ? ` [${Object.entries(c.conf).map(([k, v]) => `${k}=${v}`).join(", ")}]` : "";
    test(`${c.id}: ${c.sql ?? c.expr}${conf}`, () => {
      if (g.error) {
        let thrown: unknown;
        try {
          run(c);
        } catch (e) {
          thrown = e;
        }
        if (thrown === undefined) throw new Error(`expected error ${g.error.class} (${g.error.message}), but got a result`);
        const e = thrown as { code?: string; message?: string };
        // Spark raised a plain Java exception (no error class): the message must say the same.
        if (g.error.class === null) {
          expect(String(e.message)).toContain(g.error.message);
          return;
        }
        if (e.code !== g.error.class) {
          throw new Error(`expected error ${g.error.class} (${g.error.message})\n     got ${e.code ?? "(no code)"}: ${String(e.message).split("\n")[0]}`);
        }
        return;
      }
      const { schema, rows } = run(c);
      expect(schema.fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }))).toEqual(g.schema!);
      expect(rows.map((r) => toEncodedRow(r as unknown[], schema as TypeLike))).toEqual(g.rows!);
    });
  }
});
