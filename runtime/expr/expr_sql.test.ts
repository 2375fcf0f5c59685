import { describe, expect, test } from "bun:test";
import { parseExpression } from "../sql/parse_expression.ts";
import { type AnalyzedForm, bigDecimalString, prettyName, quoteIfNeeded, sqlText, toPrettySQL, toSQLExpr } from "./expr_sql.ts";
import { SPARK_NAMES } from "./expr_sql_goldens.ts";
import { column, literal, call } from "./expr.ts";
import { DecimalType, LONG, STRING } from "../types/data_type.ts";

describe("prettyName and toSQLExpr match PySpark 4.1.1", () => {
  for (const [expr, name, sqlExpr] of SPARK_NAMES) {
    test(expr, () => {
      const e = parseExpression(expr);
      expect(prettyName(e)).toBe(name);
      if (sqlExpr !== null) expect(toSQLExpr(e)).toBe(sqlExpr);
    });
  }
});

describe("sqlText (Expression.sql)", () => {
  const cases: [string, string][] = [
    ["'abc'", "'abc'"],
    ["'it''s'", "'it\\'s'"],
    ["1L", "1L"],
    ["1S", "1S"],
    ["1Y", "1Y"],
    ["2147483648", "2147483648L"],
    ["9223372036854775808", "9223372036854775808BD"],
    ["1.5", "1.5BD"],
    [".5", "0.5BD"],
    ["1.5D", "1.5D"],
    ["1e10", "1.0E10D"],
    ["1.5F", "CAST('1.5' AS FLOAT)"],
    ["NULL", "NULL"],
    ["true", "true"],
    ["DATE '2020-1-2'", "DATE '2020-01-02'"],
    ["TIMESTAMP '2020-01-02 03:04:05.123456'", "TIMESTAMP '2020-01-02 03:04:05.123456'"],
    ["X'0102AB'", "X'0102AB'"],
    ["INTERVAL 5 SECONDS", "INTERVAL '05' SECOND"],
    ["a + 1", "(a + 1)"],
    ["`x y` + 1", "(`x y` + 1)"],
    ["m['k']", "m['k']"],
    ["s.f", "s.f"],
    ["struct(1, 2).x", "struct(1, 2).`x`"],
    ["b LIKE 'x%'", "b LIKE 'x%'"],
    ["CASE WHEN a > 1 THEN 'x' ELSE 'y' END", "CASE WHEN (a > 1) THEN 'x' ELSE 'y' END"],
    ["CAST(1.5 AS INT)", "CAST(1.5BD AS INT)"],
    ["concat(b, 'x')", "concat(b, 'x')"],
    ["upper(b) AS u", "upper(b) AS u"],
  ];
  for (const [expr, sql] of cases) test(expr, () => expect(sqlText(parseExpression(expr))).toBe(sql));
});

describe("canonical function names", () => {
  test("the callback maps the written name", () => {
    const e = parseExpression("CEILING(a) + Foo(b)");
    const canonical = (n: string) => (n.toLowerCase() === "foo" ? "bar" : n.toLowerCase());
    expect(prettyName(e, canonical)).toBe("(ceiling(a) + bar(b))");
    expect(toPrettySQL(e, { canonical })).toBe("(ceiling(a) + bar(b))");
  });
  test("default is lower case", () => expect(prettyName(parseExpression("ABS(a)"))).toBe("abs(a)"));
});

describe("nodes built by the Column API", () => {
  test("columns, literals and calls without origins", () => {
    expect(prettyName(column(["t", "a"]))).toBe("a");
    expect(toPrettySQL(column(["t", "a"]))).toBe("t.a");
    expect(prettyName(call("sum", [column(["x"])]))).toBe("sum(x)");
    expect(prettyName(literal("hi", STRING))).toBe("hi");
    expect(sqlText(literal(5, LONG))).toBe("5L");
    expect(prettyName(literal(12345n, new DecimalType(10, 2)))).toBe("123.45");
  });
  test("count(*) prints count(1)", () => expect(prettyName(parseExpression("count(*)"))).toBe("count(1)"));
  test("a qualified star", () => expect(toPrettySQL(parseExpression("t.*"))).toBe("t.*"));
  test("time zone of TIMESTAMP literals", () => {
    const e = parseExpression("TIMESTAMP '2020-01-01 00:00:00'", { timeZone: "UTC" });
    expect(prettyName(e, { timeZone: "America/Los_Angeles" })).toBe("TIMESTAMP '2019-12-31 16:00:00'");
    // Parsed without a session zone, the literal holds its wall-clock time until it is analyzed.
    const local = parseExpression("TIMESTAMP '2020-01-01 00:00:00'");
    expect(prettyName(local, { timeZone: "America/Los_Angeles" })).toBe("TIMESTAMP '2020-01-01 00:00:00'");
  });
});

describe("analyzed forms", () => {
  const e = parseExpression("ts + (d * INTERVAL '1' SECOND)");
  if (e.kind !== "binary" || e.right.kind !== "binary") throw new Error("unexpected parse");
  const product = e.right;
  const forms = new Map<unknown, AnalyzedForm | null>([
    [e, { args: [e.left, e.right], text: ([a, b]) => `${a} + ${b}` }],
    [product, { args: [product.right, product.left], text: ([a, b]) => `(${a} * ${b})` }],
  ]);
  test("a node prints as the analyzer rewrote it, its children with their own forms", () => {
    expect(prettyName(e, { analysis: (x) => forms.get(x) })).toBe("ts + (INTERVAL '01' SECOND * d)");
  });
  test("without analysis the text is as written", () => {
    expect(prettyName(e)).toBe("(ts + (d * INTERVAL '01' SECOND))");
  });
  test("an interval literal is guessed to be datetime arithmetic only when not analyzed", () => {
    const sum = parseExpression("INTERVAL 1 DAY + INTERVAL 2 DAYS");
    expect(prettyName(sum)).toBe("INTERVAL '1' DAY + INTERVAL '2' DAY");
    expect(prettyName(sum, { analysis: () => null })).toBe("(INTERVAL '1' DAY + INTERVAL '2' DAY)");
  });
});

describe("names that depend on the arguments", () => {
  test("FLOOR/CEIL, but floor/ceil with a scale (RoundFloor/RoundCeil)", () => {
    expect(prettyName(parseExpression("floor(d)"))).toBe("FLOOR(d)");
    expect(prettyName(parseExpression("FLOOR(d, 1)"))).toBe("floor(d, 1)");
    expect(prettyName(parseExpression("ceil(d, -1)"))).toBe("ceil(d, -1)");
    expect(prettyName(parseExpression("ceiling(d)"))).toBe("ceiling(d)");
  });
});

describe("number and name text", () => {
  test("BigDecimal.toString", () => {
    expect(bigDecimalString(150n, 2)).toBe("1.50");
    expect(bigDecimalString(5n, 2)).toBe("0.05");
    expect(bigDecimalString(-15n, 1)).toBe("-1.5");
    expect(bigDecimalString(1n, 7)).toBe("1E-7");
    expect(bigDecimalString(1000n, 0)).toBe("1000");
  });
  test("quoteIfNeeded", () => {
    expect(quoteIfNeeded("a_1")).toBe("a_1");
    expect(quoteIfNeeded("1a")).toBe("`1a`");
    expect(quoteIfNeeded("a b")).toBe("`a b`");
    expect(quoteIfNeeded("a`b")).toBe("`a``b`");
  });
});
