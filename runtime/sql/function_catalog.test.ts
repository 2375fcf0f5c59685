import { describe, expect, test } from "bun:test";
import { SparkSession } from "../api/session.ts";
import docs from "./function_docs.json" with { type: "json" };

const spark = SparkSession.builder.getOrCreate();
const lines = async (q: string) => (await spark.sql(q).collect()).map((r) => Object.values(r)[0] as string);

describe("DESCRIBE FUNCTION / SHOW FUNCTIONS", () => {
  test("Spark's texts for a function Sluice has, EXTENDED adds the examples", async () => {
    const abs = docs.functions.abs as { class: string; usage: string; extended: string };
    expect(await lines("DESC FUNCTION abs")).toEqual(["Function: abs", `Class: ${abs.class}`, `Usage: ${abs.usage}`]);
    expect((await lines("DESCRIBE FUNCTION EXTENDED abs")).at(-1)).toBe(`Extended Usage:${abs.extended}`);
    expect((await lines("DESC FUNCTION `+`"))[0]).toBe("Function: +");
    expect(spark.sql("DESC FUNCTION abs").columns).toEqual(["function_desc"]);
  });

  test("a function Sluice does not have is UNRESOLVED_ROUTINE and not listed", async () => {
    expect(() => spark.sql("DESC FUNCTION xpath_int")).toThrow("UNRESOLVED_ROUTINE");
    expect(await lines("SHOW FUNCTIONS LIKE 'xpath*'")).toEqual([]);
  });

  test("SHOW FUNCTIONS lists sorted names; LIKE patterns use * and |", async () => {
    const all = await lines("SHOW FUNCTIONS");
    expect(all).toEqual([...all].sort());
    expect(all).toContain("sum");
    expect(all).toContain("coalesce");
    expect(await lines("SHOW FUNCTIONS LIKE 'upp*|lowe*'")).toEqual(["lower", "upper"]);
    expect(await lines("SHOW USER FUNCTIONS")).toEqual([]);
  });
});
