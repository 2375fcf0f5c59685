import { describe, expect, test } from "bun:test";
import { SluiceError } from "../errors.ts";
import { compileExpression } from "../expr/codegen.ts";
import { parseExpression } from "../sql/parse_expression.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { attributesOf } from "./attribute.ts";
import { ExprResolver, outputName, type ResolveContext } from "./resolve_expr.ts";

const input = attributesOf(parseSchemaDDL(
  "i INT, s STRING, d DOUBLE, dt DATE, ts TIMESTAMP, st STRUCT<x: INT, y: STRING>, js STRING, n INT",
));
const context = (timeZone = "UTC"): ResolveContext => ({
  timeZone, ansi: true, caseSensitive: false,
});

/** The column name Spark gives `text` once it is resolved over `input`. */
function nameOf(text: string, timeZone = "UTC"): string {
  const e = parseExpression(text, { timeZone });
  new ExprResolver(input, context(timeZone)).resolve(e);
  return outputName(e);
}

function resolveError(text: string): SluiceError {
  try {
    new ExprResolver(input, context()).resolve(parseExpression(text));
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

// Expected names are PySpark 4.1.1's (df.selectExpr(text).columns).
describe("names of the expressions Spark's analyzer rewrites", () => {
  const cases: [string, string][] = [
    ["dt + 1", "date_add(dt, 1)"],
    ["1 + dt", "date_add(dt, 1)"],
    ["dt - i", "date_sub(dt, i)"],
    ["(dt + 1) - 1", "date_sub(date_add(dt, 1), 1)"],
    ["dt + INTERVAL 1 DAY", "date_add(dt, extractansiintervaldays(INTERVAL '1' DAY))"],
    ["INTERVAL 1 DAY + dt", "date_add(dt, extractansiintervaldays(INTERVAL '1' DAY))"],
    ["dt - INTERVAL 1 DAY", "date_add(dt, (- extractansiintervaldays(INTERVAL '1' DAY)))"],
    ["dt + INTERVAL 1 HOUR", "dt + INTERVAL '01' HOUR"],
    ["INTERVAL 1 HOUR + dt", "dt + INTERVAL '01' HOUR"],
    ["dt - INTERVAL 1 MONTH", "dt - INTERVAL '1' MONTH"],
    ["INTERVAL 1 MONTH + ts", "ts + INTERVAL '1' MONTH"],
    ["ts - INTERVAL 1 HOUR", "ts - INTERVAL '01' HOUR"],
    ["dt + make_interval(0, 1, 0, 1, 0, 0, 0)", "dt + make_interval(0, 1, 0, 1, 0, 0, 0)"],
    ["make_interval(0, 1, 0, 1, 0, 0, 0) + ts", "ts + make_interval(0, 1, 0, 1, 0, 0, 0)"],
    ["ts + (dt - DATE'2024-01-01')", "ts + (dt - DATE '2024-01-01')"],
    ["d * INTERVAL '1' SECOND", "(INTERVAL '01' SECOND * d)"],
    ["ts + i * INTERVAL 1 SECOND", "ts + (INTERVAL '01' SECOND * i)"],
    ["2 * make_interval(0, 1, 0, 1, 0, 0, 0)", "multiply_interval(make_interval(0, 1, 0, 1, 0, 0, 0), 2)"],
    ["make_interval(0, 1, 0, 1, 0, 0, 0) / 2", "divide_interval(make_interval(0, 1, 0, 1, 0, 0, 0), 2)"],
    ["INTERVAL 1 DAY + INTERVAL 2 DAYS", "(INTERVAL '1' DAY + INTERVAL '2' DAY)"],
    ["ts - ts", "(ts - ts)"],
    ["st['x']", "st.x"],
    ["st['X'] + 1", "(st.X + 1)"],
    ["array(st)['x']", "array(st).x"],
    ["from_json(js, 'MAP<STRING,STRING>')", "entries"],
    ["from_json(js, 'MAP<STRING,STRING>')['a']", "entries[a]"],
    ["from_json(js, 'a INT')", "from_json(js)"],
    ["nvl(s, 'x')", "nvl(s, x)"],
    ["IFNULL(i, 2)", "ifnull(i, 2)"],
    ["nvl2(i, 1, 'a')", "nvl2(i, 1, a)"],
  ];
  for (const [text, name] of cases) test(text, () => expect(nameOf(text)).toBe(name));
});

describe("TIMESTAMP literals and the session time zone", () => {
  test("a literal prints in the session time zone, after a DST gap moves it", () => {
    expect(nameOf("TIMESTAMP'2024-03-10 02:30:00'", "America/Los_Angeles")).toBe("TIMESTAMP '2024-03-10 03:30:00'");
    expect(nameOf("TIMESTAMP'2024-03-10 02:30:00+00:00'", "America/Los_Angeles")).toBe("TIMESTAMP '2024-03-09 18:30:00'");
  });
  test("a literal parsed without a zone is read in the zone of the query that resolves it", () => {
    const e = parseExpression("TIMESTAMP'2024-03-10 02:30:00'");
    const value = (timeZone: string) => compileExpression(new ExprResolver(input, context(timeZone)).resolve(e))([]);
    expect(value("America/Los_Angeles")).toBe(1710066600000000);
    expect(outputName(e)).toBe("TIMESTAMP '2024-03-10 03:30:00'");
    expect(value("UTC")).toBe(1710037800000000);
    expect(outputName(e)).toBe("TIMESTAMP '2024-03-10 02:30:00'");
  });
});

describe("nvl, ifnull and nvl2", () => {
  test("evaluate like coalesce and if", () => {
    const row = [null, "a", 1.5, 0, 0, null, null, 7];
    const run = (text: string) => compileExpression(new ExprResolver(input, context()).resolve(parseExpression(text)))(row);
    expect(run("nvl(i, n)")).toBe(7);
    expect(run("ifnull(s, 'b')")).toBe("a");
    expect(run("nvl2(i, 1, 2)")).toBe(2);
    expect(run("nvl2(s, 1, 2)")).toBe(1);
  });
  test("errors name the function as Spark does", () => {
    expect(resolveError("nvl(i)").bareMessage).toStartWith("The `nvl` requires 2 parameters but the actual number is 1.");
    expect(resolveError("nvl2(i, 1)").bareMessage).toStartWith("The `nvl2` requires 3 parameters but the actual number is 2.");
    const mismatch = resolveError("nvl(i, st)");
    expect(mismatch.code).toBe("DATATYPE_MISMATCH.DATA_DIFF_TYPES");
    expect(mismatch.bareMessage).toStartWith('Cannot resolve "coalesce(i, st)" due to data type mismatch: Input to `coalesce` should all be the same type');
  });
});

describe("struct access by subscript", () => {
  test("needs a string literal naming a field", () => {
    expect(resolveError("st[i]").bareMessage).toBe(`Field name should be a non-null string literal, but it's "i".`);
    expect(resolveError("st['z']").code).toBe("FIELD_NOT_FOUND");
  });
});
