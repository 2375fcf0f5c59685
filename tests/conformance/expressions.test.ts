// Expression conformance: every case in expressions/cases.json, run through Sluice over the table
// in expressions/input.json, must give exactly what PySpark 4.1.1 gave (expressions/golden.json,
// written by scripts/goldens/expressions.py): the same column names and types and the same rows
// in the same order, or an error with the same error class.

import { describe, expect, test } from "bun:test";
import { SparkSession } from "../../runtime/mod.ts";
import { type Encoded, parseSchema, simpleString, toEncodedRow, toInternalRow, type TypeLike } from "./golden_values.ts";
import input from "./expressions/input.json" with { type: "json" };
import cases from "./expressions/cases.json" with { type: "json" };
import golden from "./expressions/golden.json" with { type: "json" };

interface Case {
  id: string;
  expr: string;
  conf?: Record<string, string>;
}
interface GoldenError {
  class: string | null;
  sqlState: string | null;
  message: string;
}
interface Golden {
  id: string;
  schema?: { name: string; type: string }[];
  rows?: Encoded[][];
  error?: GoldenError;
}

const spark = SparkSession.builder.appName("conformance").config("spark.sql.session.timeZone", "UTC").getOrCreate();
// getOrCreate may hand back a session another test file configured: pin what the goldens assume.
spark.conf.set("spark.sql.session.timeZone", "UTC");
const inputSchema = parseSchema(input.schema);
const goldenById = new Map((golden as Golden[]).map((g) => [g.id, g]));

// Built on first use, so that a failure shows up in every test instead of aborting the file.
let inputDf: ReturnType<typeof spark.createDataFrame> | undefined;
function table() {
  inputDf ??= spark.createDataFrame((input.rows as Encoded[][]).map((r) => toInternalRow(r, inputSchema)), input.schema);
  return inputDf;
}

/** Runs `body` with the case's settings applied, then puts the previous values back. */
function withConf<T>(conf: Record<string, string> | undefined, body: () => T): T {
  const saved = Object.keys(conf ?? {}).map((k) => [k, spark.conf.get(k)] as const);
  for (const [k, v] of Object.entries(conf ?? {})) spark.conf.set(k, v);
  try {
    return body();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) spark.conf.unset(k);
      else spark.conf.set(k, v);
    }
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${(e as { code?: string }).code ?? e.name}: ${e.message.split("\n")[0]}`;
  return String(e);
}

describe("input table", () => {
  test("Sluice reads the input schema as Spark does", () => {
    const names = table().schema.fields.map((f) => `${f.name}:${f.dataType.simpleString()}`);
    expect(names).toEqual(inputSchema.fields!.map((f) => `${f.name}:${simpleString(f.dataType)}`));
  });

  test("every case has a golden and every golden a case", () => {
    const ids = (cases as Case[]).map((c) => c.id);
    expect(ids.filter((id) => !goldenById.has(id))).toEqual([]);
    expect([...goldenById.keys()].filter((id) => !ids.includes(id))).toEqual([]);
  });
});

describe("expressions", () => {
  for (const c of cases as Case[]) {
    const g = goldenById.get(c.id);
    if (!g) continue;
    const conf = c.conf ? ` [${Object.entries(c.conf).map(([k, v]) => `${k}=${v}`).join(", ")}]` : "";
    test(`${c.id}: ${c.expr}${conf}`, () => {
      if (g.error) {
        let thrown: unknown;
        let got: unknown;
        try {
          got = withConf(c.conf, () => table().selectExpr(c.expr).collectRaw());
        } catch (e) {
          thrown = e;
        }
        if (thrown === undefined) {
          throw new Error(`expected error ${g.error.class} (${g.error.message}), but got a result: ${summarize(got)}`);
        }
        const e = thrown as { code?: string; sqlState?: string };
        if (e.code !== g.error.class) {
          throw new Error(`expected error ${g.error.class} (${g.error.message})\n     got ${describeError(thrown)}`);
        }
        if (e.sqlState !== undefined && g.error.sqlState !== null) expect(e.sqlState).toBe(g.error.sqlState);
        return;
      }
      const { schema, rows } = withConf(c.conf, () => table().selectExpr(c.expr).collectRaw());
      expect(schema.fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }))).toEqual(g.schema!);
      expect(rows.map((r) => toEncodedRow(r as unknown[], schema as TypeLike))).toEqual(g.rows!);
    });
  }
});

function summarize(result: unknown): string {
  const r = result as { schema?: { simpleString(): string }; rows?: unknown[] } | undefined;
  return `${r?.schema?.simpleString() ?? "?"} with ${r?.rows?.length ?? "?"} rows`;
}
