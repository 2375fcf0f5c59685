// show() and printSchema conformance: Sluice's showString and treeString must print exactly the
// text PySpark 4.1.1 printed (show/golden.json, written by scripts/goldens/show.py) for the same
// selections of the expression suite's input table.

import { describe, expect, test } from "bun:test";
import { SparkSession } from "../../runtime/mod.ts";
import { type Encoded, parseSchema, toInternalRow } from "./golden_values.ts";
import input from "./expressions/input.json" with { type: "json" };
import golden from "./show/golden.json" with { type: "json" };

interface ShowCase {
  id: string;
  exprs: string[];
  filter?: string;
  n: number;
  truncate: number;
  text: string;
  schemaTree: string;
}

const spark = SparkSession.builder.appName("conformance").config("spark.sql.session.timeZone", "UTC").getOrCreate();
// getOrCreate may hand back a session another test file configured: pin what the goldens assume.
spark.conf.set("spark.sql.session.timeZone", "UTC");
const inputSchema = parseSchema(input.schema);

let inputDf: ReturnType<typeof spark.createDataFrame> | undefined;
function table() {
  inputDf ??= spark.createDataFrame((input.rows as Encoded[][]).map((r) => toInternalRow(r, inputSchema)), input.schema);
  return inputDf;
}

function selection(c: ShowCase) {
  const base = c.filter === undefined ? table() : table().filter(c.filter);
  return base.selectExpr(...c.exprs);
}

describe("showString", () => {
  for (const c of golden as ShowCase[]) {
    const filter = c.filter === undefined ? "" : ` where ${c.filter}`;
    test(`${c.id}: show(${c.n}, truncate=${c.truncate}) of ${c.exprs.join(", ")}${filter}`, () => {
      expect(selection(c).showString(c.n, c.truncate)).toBe(c.text);
    });
  }
});

describe("schema.treeString", () => {
  for (const c of golden as ShowCase[]) {
    test(`${c.id}: printSchema of ${c.exprs.join(", ")}`, () => {
      expect(selection(c).schema.treeString()).toBe(c.schemaTree);
    });
  }
});
