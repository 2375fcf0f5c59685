import { describe, expect, test } from "bun:test";
import { BYTE, DecimalType, DOUBLE, FLOAT, INT, LONG, STRING, type DataType } from "../../types/data_type.ts";
import { bindFn, call, evaluate, expectError, lit, ref, typeOf } from "../expr_test_kit.ts";

const D = (p: number, s: number) => new DecimalType(p, s);
const round = (v: unknown, t: DataType, scale?: number, name = "round") =>
  call(name, scale === undefined ? [[v, t]] : [[v, t], [scale, INT]]);
/** round with a literal scale, as Spark requires. */
const r = (v: unknown, t: DataType, scale: number, name = "round") => evaluate(bindFn(name, [ref(0, t), lit(scale, INT)]), [v]);
const rt = (t: DataType, scale: number, name = "round") => bindFn(name, [ref(0, t), lit(scale, INT)]).type.simpleString();

describe("round and bround", () => {
  test("decimals: HALF_UP (HALF_EVEN for bround), exact, with Spark's result type", () => {
    expect(round(25n, D(2, 1))).toBe(3n);
    expect(round(-25n, D(2, 1))).toBe(-3n);
    expect(typeOf("round", [[25n, D(2, 1)]])).toBe("decimal(2,0)");
    expect(r(2345n, D(4, 3), 2)).toBe(235n);
    expect(rt(D(4, 3), 2)).toBe("decimal(4,2)");
    expect(r(9999n, D(4, 2), 1)).toBe(1000n);
    expect(rt(D(4, 2), 1)).toBe("decimal(4,1)");
    expect(r(12345678n, D(8, 4), -2)).toBe(1200n);
    expect(rt(D(8, 4), -2)).toBe("decimal(5,0)");
    expect(r(12345n, D(5, 2), -1)).toBe(120n);
    expect(rt(D(5, 2), -1)).toBe("decimal(4,0)");
    expect(round(95n, D(2, 1))).toBe(10n);
    expect(call("bround", [[25n, D(2, 1)]])).toBe(2n);
    expect(call("bround", [[35n, D(2, 1)]])).toBe(4n);
  });

  test("doubles through Java's decimal text (BigDecimal.valueOf)", () => {
    expect(r(2.345, DOUBLE, 2)).toBe(2.35);
    expect(round(2.5, DOUBLE)).toBe(3);
    expect(round(-2.5, DOUBLE)).toBe(-3);
    expect(r(0.285, DOUBLE, 2)).toBe(0.29);
    expect(r(1.005, DOUBLE, 2)).toBe(1.01);
    expect(r(1.45, DOUBLE, 1)).toBe(1.5);
    expect(r(2.675, DOUBLE, 2)).toBe(2.68);
    expect(r(1234.5678, DOUBLE, -2)).toBe(1200);
    expect(r(1e308, DOUBLE, -308)).toBe(1e308);
    expect(r(1e-20, DOUBLE, 25)).toBe(1e-20);
    expect(round(1e15 + 0.5, DOUBLE)).toBe(1000000000000001);
    expect(round(NaN, DOUBLE)).toBeNaN();
    expect(round(Infinity, DOUBLE)).toBe(Infinity);
    expect(Object.is(round(-0.4, DOUBLE), 0)).toBe(true);
    expect(Object.is(round(-0, DOUBLE), 0)).toBe(true);
    expect(call("bround", [[2.5, DOUBLE]])).toBe(2);
    expect(call("bround", [[-2.5, DOUBLE]])).toBe(-2);
    expect(round("2.5", STRING)).toBe(3);
    expect(typeOf("round", [["2.5", STRING]])).toBe("double");
  });

  test("floats", () => {
    expect(round(Math.fround(1.5), FLOAT)).toBe(2);
    expect(r(Math.fround(1.15), FLOAT, 1)).toBe(Math.fround(1.1));
    expect(r(Math.fround(123.456), FLOAT, 1)).toBe(Math.fround(123.5));
  });

  test("integers with a negative scale", () => {
    expect(r(12345, INT, -2)).toBe(12300);
    expect(r(15, INT, -1)).toBe(20);
    expect(r(-15, INT, -1)).toBe(-20);
    expect(r(5, BYTE, -1)).toBe(10);
    expect(rt(BYTE, -1)).toBe("tinyint");
    expect(r(25, INT, -1, "bround")).toBe(20);
    expect(r(35, INT, -1, "bround")).toBe(40);
    expect(r(12345, LONG, 2)).toBe(12345);
    expectError(() => r(2147483647, INT, -1), "ARITHMETIC_OVERFLOW",
      `[ARITHMETIC_OVERFLOW] Overflow. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`);
  });

  test("the scale must be a literal", () => {
    expectError(() => bindFn("round", [ref(0, DOUBLE), ref(1, INT)]), "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT");
    expect(evaluate(bindFn("round", [ref(0, DOUBLE), lit(null, INT)]), [1.5])).toBe(null);
  });
});
