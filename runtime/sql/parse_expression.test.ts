import { describe, expect, test } from "bun:test";
import { SluiceError } from "../errors.ts";
import type { Expr } from "../expr/expr.ts";
import { sqlText } from "../expr/expr_sql.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { parseExpression, parseExpressionList, parseSortItem } from "./parse_expression.ts";
import { Parser } from "./parser.ts";
import { SPARK_PARSE_ERRORS } from "./parse_errors_goldens.ts";

const lit = (text: string) => {
  const e = parseExpression(text);
  if (e.kind !== "literal") throw new Error(`not a literal: ${text}`);
  return { value: e.value, type: e.type.simpleString() };
};

function errorOf(text: string): SluiceError {
  try {
    parseExpression(text);
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

/** The message as Spark's getMessage starts: [CODE] words SQLSTATE: x. */
const head = (e: SluiceError) =>
  (/^[A-Z]/.test(e.code) ? `[${e.code}] ` : "") + e.bareMessage + (e.sqlState ? ` SQLSTATE: ${e.sqlState}` : "");

describe("precedence (Spark's SqlBaseParser)", () => {
  const cases: [string, string][] = [
    ["a + 1 * 2", "(a + (1 * 2))"],
    ["a * b + c * d", "((a * b) + (c * d))"],
    ["a - b - c", "((a - b) - c)"],
    ["a % b * c", "((a % b) * c)"],
    ["a DIV b DIV c", "((a div b) div c)"],
    ["a || b + c", "(concat(a, b) + c)"],
    ["a + b || c", "concat((a + b), c)"],
    ["a << 1 + 2", "(a << (1 + 2))"],
    ["a | b & c ^ d", "(a | ((b & c) ^ d))"],
    ["a & b = c", "((a & b) = c)"],
    ["a = b = c", "((a = b) = c)"],
    ["a = b AND c = d OR e = f", "(((a = b) AND (c = d)) OR (e = f))"],
    ["flag OR flag AND flag", "(flag OR (flag AND flag))"],
    ["NOT a AND b", "((NOT a) AND b)"],
    ["NOT a = b", "(NOT (a = b))"],
    ["!!a", "(NOT (NOT a))"],
    ["NOT a IN (1)", "(NOT (a IN (1)))"],
    ["a NOT IN (1) AND b", "((NOT (a IN (1))) AND b)"],
    ["a BETWEEN 1 AND 2 AND b", "(between(a, 1, 2) AND b)"],
    ["a BETWEEN 1 AND 2 = true", "between(a, 1, (2 = true))"],
    ["a = 1 IS NULL", "((a = 1) IS NULL)"],
    ["-a * 2", "((- a) * 2)"],
    ["-a[0]", "(- a[0])"],
    ["-a::string", "(- CAST(a AS STRING))"],
    ["- - a", "(- (- a))"],
    ["a - -1", "(a - -1)"],
    ["a-1", "(a - 1)"],
    ["a--comment\n+ 1", "(a + 1)"],
    ["a /* x /* nested */ */ + 1", "(a + 1)"],
    ["(a + 1) * 2", "((a + 1) * 2)"],
    ["a != b", "(NOT (a = b))"],
    ["a <> b", "(NOT (a = b))"],
    ["a == b", "(a = b)"],
    ["a !< b", "(a >= b)"],
    ["a !> b", "(a <= b)"],
    ["a <=> b", "(a <=> b)"],
    ["a >>> 1", "(a >>> 1)"],
  ];
  for (const [text, sql] of cases) test(text, () => expect(sqlText(parseExpression(text))).toBe(sql));
});

describe("literals and their types", () => {
  const cases: [string, unknown, string][] = [
    ["1", 1, "int"],
    ["-1", -1, "int"],
    ["- 1", -1, "int"],
    ["2147483647", 2147483647, "int"],
    ["2147483648", 2147483648, "bigint"],
    ["-2147483648", -2147483648, "int"],
    ["-2147483649", -2147483649, "bigint"],
    ["9223372036854775808", 9223372036854775808n, "decimal(19,0)"],
    ["1L", 1, "bigint"],
    ["1S", 1, "smallint"],
    ["1Y", 1, "tinyint"],
    ["-128Y", -128, "tinyint"],
    ["1l", 1, "bigint"],
    ["1.5D", 1.5, "double"],
    ["1.5F", 1.5, "float"],
    ["1.1F", Math.fround(1.1), "float"],
    ["1.5BD", 15n, "decimal(2,1)"],
    ["1e3BD", 1000n, "decimal(4,0)"],
    ["1e-7BD", 1n, "decimal(7,7)"],
    ["1.5e0", 1.5, "double"],
    ["1e10", 1e10, "double"],
    [".5e1", 5, "double"],
    ["1e3D", 1000, "double"],
    ["1e3F", 1000, "float"],
    ["1.5", 15n, "decimal(2,1)"],
    [".5", 5n, "decimal(1,1)"],
    ["1.", 1n, "decimal(1,0)"],
    ["1.50", 150n, "decimal(3,2)"],
    ["0.05", 5n, "decimal(2,2)"],
    ["-1.5", -15n, "decimal(2,1)"],
    ["100.", 100n, "decimal(3,0)"],
    ["'abc'", "abc", "string"],
    ['"abc"', "abc", "string"],
    ["'a' 'b' \"c\"", "abc", "string"],
    ["'a''b'", "a'b", "string"],
    ['"a""b"', 'a"b', "string"],
    ["'it\\'s'", "it's", "string"],
    ["'a\\tb\\nc'", "a\tb\nc", "string"],
    ["'\\u0041\\101'", "AA", "string"],
    ["'\\U0001F600'", "😀", "string"],
    ["'a\\%b\\_c'", "a\\%b\\_c", "string"],
    ["'a\\zb'", "azb", "string"],
    ["'a\\0b'", "a\u0000b", "string"],
    ["R'a\\nb'", "a\\nb", "string"],
    ["r\"a\\tb\"", "a\\tb", "string"],
    ["true", true, "boolean"],
    ["FALSE", false, "boolean"],
    ["NULL", null, "void"],
    ["DATE '2020-01-02'", 18263, "date"],
    ["date'2020-1-2'", 18263, "date"],
    ["DATE '2020'", 18262, "date"],
    ["DATE '2020-02'", 18293, "date"],
    ["DATE '2020-01-01T10:00'", 18262, "date"],
    ["DATE '1969-12-31'", -1, "date"],
    ["DATE 'epoch'", 0, "date"],
    ["TIMESTAMP '2020-01-02 03:04:05'", 1577934245000000, "timestamp"],
    ["TIMESTAMP '2020-01-02 03:04:05.123456'", 1577934245123456, "timestamp"],
    ["TIMESTAMP '2020-01-01T01:02:03.123456789'", 1577840523123456, "timestamp"],
    ["TIMESTAMP '2020-01-01 1:2:3'", 1577840523000000, "timestamp"],
    ["TIMESTAMP '2020-01-01 00:00:00+02:00'", 1577829600000000, "timestamp"],
    ["TIMESTAMP '2020-01-01 00:00:00 America/New_York'", 1577854800000000, "timestamp"],
    ["TIMESTAMP '2020'", 1577836800000000, "timestamp"],
    ["TIMESTAMP_LTZ '2020-01-02 03:04:05'", 1577934245000000, "timestamp"],
    ["TIMESTAMP_NTZ '2020-01-02 03:04:05'", 1577934245000000, "timestamp_ntz"],
    ["TIMESTAMP_NTZ '2020-01-01 00:00:00Z'", 1577836800000000, "timestamp_ntz"],
    ["TIMESTAMP 'epoch'", 0, "timestamp"],
    ["X'0102AB'", new Uint8Array([1, 2, 0xab]), "binary"],
    ["x'1'", new Uint8Array([1]), "binary"],
    ["X''", new Uint8Array([]), "binary"],
  ];
  for (const [text, value, type] of cases) {
    test(text, () => expect(lit(text)).toEqual({ value, type }));
  }
  test("TIMESTAMP literals use the session time zone", () => {
    const e = parseExpression("TIMESTAMP '2020-01-01 00:00:00'", { timeZone: "America/Los_Angeles" });
    expect(e.kind === "literal" && e.value).toBe(1577865600000000);
    const dst = parseExpression("TIMESTAMP '2020-07-01 00:00:00'", { timeZone: "America/Los_Angeles" });
    expect(dst.kind === "literal" && dst.value).toBe(1593586800000000);
  });
  test("without a session time zone a zone-less TIMESTAMP literal is left to the analyzer", () => {
    const e = parseExpression("TIMESTAMP '2024-03-10 02:30:00'");
    expect(e.kind === "literal" && [e.value, e.localTime]).toEqual([1710037800000000, true]);
    for (const text of ["TIMESTAMP '2024-03-10 02:30:00Z'", "TIMESTAMP '2024-03-10 02:30:00 America/Los_Angeles'", "TIMESTAMP 'epoch'"]) {
      const z = parseExpression(text);
      expect(z.kind === "literal" && z.localTime).toBeUndefined();
    }
    const given = parseExpression("TIMESTAMP '2024-03-10 02:30:00'", { timeZone: "America/Los_Angeles" });
    expect(given.kind === "literal" && [given.value, given.localTime]).toEqual([1710066600000000, undefined]);
  });
  test("a minus before a number is part of the literal", () => {
    expect(parseExpression("-5").kind).toBe("literal");
    expect(parseExpression("-a").kind).toBe("unary");
  });
});

describe("interval literals (spark.sql.legacy.interval.enabled=false)", () => {
  const S = 1_000_000, M = 60 * S, H = 60 * M, D = 24 * H;
  const cases: [string, number, string][] = [
    ["INTERVAL 5 SECONDS", 5 * S, "interval second"],
    ["INTERVAL '5' SECOND", 5 * S, "interval second"],
    ["INTERVAL 1 DAY 2 HOURS", D + 2 * H, "interval day to hour"],
    ["INTERVAL 2 HOURS 1 DAY", D + 2 * H, "interval day to hour"],
    ["INTERVAL 1 MINUTE 30 SECONDS", 90 * S, "interval minute to second"],
    ["INTERVAL '1 2:03:04' DAY TO SECOND", D + 2 * H + 3 * M + 4 * S, "interval day to second"],
    ["INTERVAL '-1 10' DAY TO HOUR", -(D + 10 * H), "interval day to hour"],
    ["INTERVAL '10:20' HOUR TO MINUTE", 10 * H + 20 * M, "interval hour to minute"],
    ["INTERVAL '100:20' HOUR TO MINUTE", 100 * H + 20 * M, "interval hour to minute"],
    ["INTERVAL '10:20:30.123' MINUTE TO SECOND", 0, "interval minute to second"],
    ["INTERVAL -5 MINUTES", -5 * M, "interval minute"],
    ["INTERVAL - '5' SECOND", -5 * S, "interval second"],
    ["INTERVAL -'-5' SECOND", 5 * S, "interval second"],
    ["INTERVAL +5 SECONDS", 5 * S, "interval second"],
    ["INTERVAL 1 WEEK", 7 * D, "interval day"],
    ["INTERVAL 1.5 SECONDS", 1.5 * S, "interval second"],
    ["INTERVAL 10 MILLISECONDS", 10_000, "interval second"],
    ["INTERVAL 10 MICROSECONDS", 10, "interval second"],
    ["INTERVAL 5 SECOND 10 MILLISECONDS", 5.01 * S, "interval second"],
    ["INTERVAL 1 DAYS 2 DAY", 3 * D, "interval day"],
    ["INTERVAL '1 day 2 hours'", D + 2 * H, "interval day to hour"],
    ["INTERVAL '2 hours 30 minutes'", 150 * M, "interval hour to minute"],
    ["INTERVAL 1 YEAR", 12, "interval year"],
    ["INTERVAL '3' MONTH", 3, "interval month"],
    ["INTERVAL 2 MONTHS 1 YEAR", 14, "interval year to month"],
    ["INTERVAL '1-2' YEAR TO MONTH", 14, "interval year to month"],
    ["INTERVAL '-1-2' YEAR TO MONTH", -14, "interval year to month"],
  ];
  for (const [text, value, type] of cases) {
    if (text.includes("10:20:30.123")) {
      test(text, () => expect(errorOf(text).code).toBe("INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE"));
      continue;
    }
    test(text, () => expect(lit(text)).toEqual({ value, type }));
  }
  test("a signed number without a unit after a multi-unit literal is an operand", () => {
    const sum = parseExpression("INTERVAL 1 DAY + 1");
    expect(sum.kind === "binary" && [sum.left.kind, sum.right.kind]).toEqual(["literal", "literal"]);
    expect(parseExpression("INTERVAL 1 DAY - 2 HOURS").kind).toBe("literal");
  });
  test("a literal without units in its string has calendar fields", () => {
    expect(lit("INTERVAL '1 day'").type).toBe("interval day");
    expect(new CalendarInterval(1, 2, 3).months).toBe(1);
  });
});

describe("expression forms", () => {
  test("dotted names are one column; after a call or subscript they are field accesses", () => {
    expect(parseExpression("a.b.c")).toMatchObject({ kind: "column", parts: ["a", "b", "c"] });
    expect(parseExpression("`a.b`.c")).toMatchObject({ kind: "column", parts: ["a.b", "c"] });
    expect(parseExpression("a[0].b")).toMatchObject({ kind: "getField", name: "b", arg: { kind: "getItem" } });
    expect(parseExpression("f(x).y")).toMatchObject({ kind: "getField", name: "y", arg: { kind: "call", name: "f" } });
    expect(parseExpression("(a).b")).toMatchObject({ kind: "column", parts: ["a", "b"] });
    expect(parseExpression("1.5x")).toMatchObject({ kind: "getField", name: "5x" });
  });
  test("keywords are identifiers where Spark allows them", () => {
    for (const w of ["window", "timestamp", "date", "value", "key", "count", "year", "month", "hour", "select", "interval", "case", "end", "order"]) {
      expect(parseExpression(w)).toMatchObject({ kind: "column", parts: [w] });
    }
    expect(sqlText(parseExpression("a AND"))).toBe("a AS `AND`".replace("`AND`", "AND"));
    expect(parseExpression("a LIKE")).toMatchObject({ kind: "alias", names: ["LIKE"] });
    expect(parseExpression("a OR OR b")).toMatchObject({ kind: "alias", names: ["b"], arg: { kind: "binary", op: "or" } });
    expect(parseExpression("a AS")).toMatchObject({ kind: "alias", names: ["AS"] });
    expect(parseExpression("window.start")).toMatchObject({ kind: "column", parts: ["window", "start"] });
    expect(parseExpression("timestamp + 1")).toMatchObject({ kind: "binary", left: { kind: "column", parts: ["timestamp"] } });
  });
  test("identifiers: backquotes, digits first, unicode needs quotes", () => {
    expect(parseExpression("`a``b`")).toMatchObject({ kind: "column", parts: ["a`b"] });
    expect(parseExpression("12abc")).toMatchObject({ kind: "column", parts: ["12abc"] });
    expect(parseExpression("`é`")).toMatchObject({ kind: "column", parts: ["é"] });
  });
  test("aliases", () => {
    expect(parseExpression("a + 1 AS b")).toMatchObject({ kind: "alias", names: ["b"] });
    expect(parseExpression("a b")).toMatchObject({ kind: "alias", names: ["b"] });
    expect(parseExpression("f(a) AS (x, y)")).toMatchObject({ kind: "alias", names: ["x", "y"] });
    expect(parseExpression("a `x y`")).toMatchObject({ kind: "alias", names: ["x y"] });
  });
  test("function calls", () => {
    expect(parseExpression("count(*)")).toMatchObject({ kind: "call", name: "count", args: [{ kind: "star" }] });
    expect(parseExpression("count(DISTINCT a, b)")).toMatchObject({ kind: "call", distinct: true });
    expect(parseExpression("count(ALL a)")).not.toHaveProperty("distinct");
    expect(parseExpression("db.fn(1)")).toMatchObject({ kind: "call", name: "db.fn" });
    expect(parseExpression("f()")).toMatchObject({ kind: "call", name: "f", args: [] });
    expect(parseExpression("sum(a) FILTER (WHERE a > 1)")).toMatchObject({ kind: "call", filter: { kind: "binary", op: ">" } });
    expect(parseExpression("first(a IGNORE NULLS)")).toMatchObject({ kind: "call", args: [{ kind: "column" }, { kind: "literal", value: true }] });
    expect(parseExpression("last(a) IGNORE NULLS")).toMatchObject({ kind: "call", args: [{ kind: "column" }, { kind: "literal", value: true }] });
    expect(parseExpression("CAST()")).toMatchObject({ kind: "call", name: "CAST", args: [] });
  });
  test("window specifications", () => {
    const e = parseExpression("sum(a) OVER (PARTITION BY b, c ORDER BY d DESC, e NULLS LAST ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)");
    expect(e).toMatchObject({
      kind: "call",
      over: {
        partitionBy: [{ parts: ["b"] }, { parts: ["c"] }],
        orderBy: [
          { kind: "sortOrder", ascending: false, nullsFirst: false },
          { kind: "sortOrder", ascending: true, nullsFirst: false },
        ],
        frame: { type: "rows", start: -1, end: "currentRow" },
      },
    });
    expect(parseExpression("sum(a) OVER (ORDER BY a RANGE BETWEEN UNBOUNDED PRECEDING AND 3 FOLLOWING)"))
      .toMatchObject({ over: { frame: { type: "range", start: "unboundedPreceding", end: 3 } } });
    expect(parseExpression("sum(a) OVER (ORDER BY a ROWS 2 PRECEDING)"))
      .toMatchObject({ over: { frame: { type: "rows", start: -2, end: "currentRow" } } });
    expect(parseExpression("rank() OVER (DISTRIBUTE BY a SORT BY b)")).toMatchObject({ over: { partitionBy: [{}], orderBy: [{}] } });
    expect(parseExpression("sum(a) OVER ()")).toMatchObject({ over: { partitionBy: [], orderBy: [] } });
    expect(parseExpression("sum(a) OVER (ORDER BY a RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND CURRENT ROW)"))
      .toMatchObject({ over: { frame: { type: "range", start: { kind: "value", value: { kind: "literal" }, preceding: true }, end: "currentRow" } } });
    expect(errorOf("sum(a) OVER (ORDER BY a RANGE BETWEEN b PRECEDING AND CURRENT ROW)").code).toBe("_LEGACY_ERROR_TEMP_0064");
  });
  test("CASE, CAST, TRY_CAST and ::", () => {
    expect(parseExpression("CASE a WHEN 1 THEN 'x' ELSE 'y' END")).toMatchObject({ kind: "case", operand: { kind: "column" }, branches: [{}], otherwise: {} });
    expect(parseExpression("CASE WHEN a THEN 1 WHEN b THEN 2 END")).toMatchObject({ kind: "case", branches: [{}, {}] });
    expect(parseExpression("CAST(a AS DECIMAL(10,2))")).toMatchObject({ kind: "cast", mode: "cast", to: { precision: 10, scale: 2 } });
    expect(parseExpression("TRY_CAST(a AS INT)")).toMatchObject({ kind: "cast", mode: "try" });
    expect(parseExpression("a::map<string,array<int>>")).toMatchObject({ kind: "cast", to: { kind: "map" } });
    expect(sqlText(parseExpression("CAST(a AS VARCHAR(10))"))).toBe("CAST(a AS STRING)");
  });
  test("predicates", () => {
    expect(parseExpression("a NOT BETWEEN 1 AND 2")).toMatchObject({ kind: "between", negated: true });
    expect(parseExpression("a NOT IN (1, 2)")).toMatchObject({ kind: "in", negated: true, list: [{}, {}] });
    expect(parseExpression("b NOT LIKE 'x%'")).toMatchObject({ kind: "like", mode: "like", negated: true });
    expect(parseExpression("b LIKE 'x!%' ESCAPE '!'")).toMatchObject({ kind: "like", escape: "!" });
    expect(parseExpression("b ILIKE 'x'")).toMatchObject({ kind: "like", mode: "ilike" });
    expect(parseExpression("b REGEXP 'x'")).toMatchObject({ kind: "like", mode: "rlike" });
    expect(parseExpression("b ! RLIKE 'x'")).toMatchObject({ kind: "like", mode: "rlike", negated: true });
    expect(parseExpression("b LIKE ANY ('x', 'y')")).toMatchObject({ kind: "call", name: "likeany", args: [{}, {}, {}] });
    expect(parseExpression("b NOT LIKE ALL ('x')")).toMatchObject({ kind: "call", name: "notlikeall" });
    expect(parseExpression("a IS NOT NULL")).toMatchObject({ kind: "isNull", negated: true });
    expect(parseExpression("a IS UNKNOWN")).toMatchObject({ kind: "isNull", negated: false });
    expect(sqlText(parseExpression("a IS NOT TRUE"))).toBe("(NOT (a <=> true))");
    expect(sqlText(parseExpression("a IS DISTINCT FROM b"))).toBe("(NOT (a <=> b))");
    expect(sqlText(parseExpression("a IS NOT DISTINCT FROM b"))).toBe("(a <=> b)");
  });
  test("lambdas", () => {
    expect(parseExpression("x -> x + 1")).toMatchObject({ kind: "lambda", params: ["x"], body: { kind: "binary" } });
    expect(parseExpression("(acc, x) -> acc + x")).toMatchObject({ kind: "lambda", params: ["acc", "x"] });
    expect(parseExpression("transform(arr, x -> x > 1 AND x < 5)")).toMatchObject({
      kind: "call", args: [{ kind: "column" }, { kind: "lambda", body: { kind: "binary", op: "and" } }],
    });
  });
  test("special call syntax", () => {
    expect(parseExpression("EXTRACT(YEAR FROM ts)")).toMatchObject({ kind: "call", name: "extract", args: [{ value: "YEAR" }, {}] });
    expect(parseExpression("SUBSTRING(b FROM 1 FOR 2)")).toMatchObject({ kind: "call", name: "substring", args: [{}, {}, {}] });
    expect(parseExpression("TRIM(LEADING 'x' FROM b)")).toMatchObject({ kind: "call", name: "ltrim", args: [{ value: "x" }, { parts: ["b"] }] });
    expect(parseExpression("TRIM(b)")).toMatchObject({ kind: "call", name: "TRIM", args: [{}] });
    expect(parseExpression("POSITION('a' IN b)")).toMatchObject({ kind: "call", name: "locate" });
    expect(parseExpression("OVERLAY(b PLACING 'x' FROM 2 FOR 1)")).toMatchObject({ kind: "call", name: "OVERLAY", args: [{}, {}, {}, {}] });
    expect(parseExpression("timestampadd(HOUR, 1, ts)")).toMatchObject({ kind: "call", name: "timestampadd", args: [{ value: "HOUR" }, {}, {}] });
    expect(parseExpression("DATEDIFF(DAY, a, b)")).toMatchObject({ kind: "call", name: "timestampdiff" });
    expect(parseExpression("datediff(a, b)")).toMatchObject({ kind: "call", name: "datediff" });
    expect(parseExpression("struct(a AS x, b)")).toMatchObject({ kind: "call", args: [{ kind: "alias", names: ["x"] }, { kind: "column" }] });
    expect(sqlText(parseExpression("(a, b + 1)"))).toBe("named_struct('a', a, 'col2', (b + 1))");
    expect(parseExpression("a << 2")).toMatchObject({ kind: "call", name: "<<" });
  });
  test("stars", () => {
    expect(parseExpression("*")).toMatchObject({ kind: "star" });
    expect(parseExpression("t.*")).toMatchObject({ kind: "star", qualifier: ["t"] });
    expect(parseExpression("count(t.a.*)")).toMatchObject({ kind: "call", args: [{ kind: "star", qualifier: ["t", "a"] }] });
  });
  test("origins cover each node's text", () => {
    const text = "abs(a + 1) * 2";
    const e = parseExpression(text) as Extract<Expr, { kind: "binary" }>;
    expect(e.origin).toEqual({ text, start: 0, end: 14 });
    const absCall = e.left as Extract<Expr, { kind: "call" }>;
    expect(text.slice(absCall.origin!.start, absCall.origin!.end)).toBe("abs(a + 1)");
    expect(text.slice(absCall.args[0]!.origin!.start, absCall.args[0]!.origin!.end)).toBe("a + 1");
    const everyNodeHasOrigin = (x: unknown): boolean => {
      if (!x || typeof x !== "object") return true;
      const o = x as Record<string, unknown>;
      if (typeof o.simpleString === "function") return true; // a DataType, not a node
      if (typeof o.kind === "string" && o.kind !== "sortOrder" && !o.origin) return false;
      return Object.values(o).every((v) => (Array.isArray(v) ? v.every(everyNodeHasOrigin) : everyNodeHasOrigin(v)));
    };
    for (const t of ["CASE WHEN a THEN 'x' END", "sum(a) OVER (ORDER BY b)", "x -> x.y[0]", "a NOT LIKE 'b' ESCAPE 'c'", "INTERVAL 1 DAY", "(a, b)"]) {
      expect(everyNodeHasOrigin(parseExpression(t))).toBe(true);
    }
  });
  test("lists and sort items", () => {
    expect(parseExpressionList("a, b + 1 AS c, *").map((e) => e.kind)).toEqual(["column", "alias", "star"]);
    expect(parseSortItem("a DESC NULLS FIRST")).toMatchObject({ ascending: false, nullsFirst: true });
    expect(parseSortItem("a")).toMatchObject({ ascending: true, nullsFirst: true });
    expect(parseSortItem("a DESC")).toMatchObject({ ascending: false, nullsFirst: false });
  });
  test("the parser continues from any token (for statements)", () => {
    class SelectListParser extends Parser {
      protected override readonly clauseWords: ReadonlySet<string> = new Set(["FROM"]);
    }
    const p = new SelectListParser("x + 1, y FROM t");
    expect(p.parseNamedExpression()).toMatchObject({ kind: "binary" });
    expect(p.acceptOp(",")).toBeDefined();
    expect(p.parseNamedExpression()).toMatchObject({ kind: "column", parts: ["y"] });
    expect(p.peek().upper).toBe("FROM");
  });
});

describe("errors match Spark 4.1.1", () => {
  for (const [text, message, offset] of SPARK_PARSE_ERRORS) {
    test(JSON.stringify(text), () => {
      const e = errorOf(text);
      expect(head(e)).toBe(message);
      expect(e.position?.start ?? null).toBe(offset);
    });
  }
});

describe("error text with the caret block", () => {
  test("a token inside the text", () => {
    const e = errorOf("a + xyz(");
    expect(e.message).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 8)\n\n== SQL ==\na + xyz(\n--------^",
    );
  });
  test("extra input", () => {
    expect(errorOf("a b c").message).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'c': extra input 'c'. SQLSTATE: 42601 (line 1, pos 4)\n\n== SQL ==\na b c\n----^",
    );
  });
  test("missing ')'", () => {
    expect(errorOf("f(a").message).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: missing ')'. SQLSTATE: 42601 (line 1, pos 3)\n\n== SQL ==\nf(a\n---^",
    );
  });
  test("second line", () => {
    const e = errorOf("f(a,\n  b c)");
    expect(e.message).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'c': extra input 'c'. SQLSTATE: 42601 (line 2, pos 4)\n\n== SQL ==\nf(a,\n  b c)\n----^",
    );
  });
  test("a fragment error spans the fragment", () => {
    const e = errorOf("CAST(a AS foo)");
    expect(e.code).toBe("UNSUPPORTED_DATATYPE");
    expect(e.message).toBe(
      '[UNSUPPORTED_DATATYPE] Unsupported data type "FOO". SQLSTATE: 0A000 (line 1, pos 10)\n\n== SQL ==\nCAST(a AS foo)\n----------^^^',
    );
  });
  test("the unclosed comment error has no position", () => {
    const e = errorOf("a /* b");
    expect(e.message).toBe("[UNCLOSED_BRACKETED_COMMENT] Found an unclosed bracketed comment. Please, append */ at the end of the comment. SQLSTATE: 42601");
  });
  test("INVALID_IDENTIFIER", () => {
    const e = errorOf("aé + 1");
    expect(e.code).toBe("INVALID_IDENTIFIER");
    expect(e.position).toMatchObject({ start: 0, end: 2 });
  });
  test("errors are user errors", () => expect(errorOf("a +").kind).toBe("user"));
  test("only whitespace is an empty statement; a comment is not", () => {
    expect([errorOf("").code, errorOf("").position?.start]).toEqual(["PARSE_EMPTY_STATEMENT", 0]);
    expect([errorOf("   ").code, errorOf("   ").position?.start]).toEqual(["PARSE_EMPTY_STATEMENT", 3]);
    expect(head(errorOf("\n"))).toBe("[PARSE_EMPTY_STATEMENT] Syntax error, unexpected empty statement. SQLSTATE: 42617");
    expect(head(errorOf("/* c */"))).toBe("[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601");
  });
  test("an unknown type name is reported only when the whole text parses", () => {
    expect(errorOf("CAST(a AS foo)").code).toBe("UNSUPPORTED_DATATYPE");
    expect(head(errorOf("CAST(a AS foo) +"))).toBe("[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601");
  });
});
