import { describe, expect, test } from "bun:test";
import { BYTE, DecimalType, DOUBLE, FLOAT, INT, LONG, STRING, type DataType } from "../../types/data_type.ts";
import { bindFn, call, evaluate, lit, ref, typeOf } from "../expr_test_kit.ts";

const D = (p: number, s: number) => new DecimalType(p, s);
const withScale = (name: string, v: unknown, t: DataType, scale: number) => {
  const b = bindFn(name, [ref(0, t), lit(scale, INT)]);
  return [b.type.simpleString(), evaluate(b, [v])];
};

describe("ceil and floor", () => {
  test("one argument: BIGINT, or DECIMAL(p - s + 1, 0)", () => {
    expect(call("ceil", [[1.2, DOUBLE]])).toBe(2);
    expect(call("ceil", [[-0.5, DOUBLE]])).toBe(0);
    expect(Object.is(call("ceil", [[-0.5, DOUBLE]]), 0)).toBe(true);
    expect(typeOf("ceil", [[1.2, DOUBLE]])).toBe("bigint");
    expect(call("ceiling", [[Math.fround(1.2), FLOAT]])).toBe(2);
    expect(call("ceil", [["1.5", STRING]])).toBe(2);
    expect(call("floor", [[1.5, DOUBLE]])).toBe(1);
    expect(call("floor", [[-0.5, DOUBLE]])).toBe(-1);
    expect(call("floor", [[Math.fround(-0.5), FLOAT]])).toBe(-1);
    expect(call("floor", [[5, INT]])).toBe(5);
    expect(typeOf("floor", [[5, BYTE]])).toBe("bigint");
    expect(call("floor", [[NaN, DOUBLE]])).toBe(0);
    expect(call("floor", [[1e20, DOUBLE]])).toBe(9223372036854775807n);
    expect(call("floor", [[Infinity, DOUBLE]])).toBe(9223372036854775807n);
    expect(call("floor", [[9007199254740993n, LONG]])).toBe(9007199254740993n);
    expect(call("ceil", [[12n, D(2, 1)]])).toBe(2n);
    expect(typeOf("ceil", [[12n, D(2, 1)]])).toBe("decimal(2,0)");
    expect(call("ceil", [[-5n, D(1, 1)]])).toBe(0n);
    expect(typeOf("ceil", [[-5n, D(1, 1)]])).toBe("decimal(1,0)");
    expect(call("floor", [[-15n, D(2, 1)]])).toBe(-2n);
    expect(call("floor", [[7n, D(5, 0)]])).toBe(7n);
  });

  test("with a scale: decimals (doubles as DECIMAL(30,15))", () => {
    expect(withScale("ceil", 12345n, D(5, 3), 1)).toEqual(["decimal(4,1)", 124n]);
    expect(withScale("ceil", 12.345, DOUBLE, 1)).toEqual(["decimal(17,1)", 124n]);
    expect(withScale("ceil", 12.345, DOUBLE, -1)).toEqual(["decimal(16,0)", 20n]);
    expect(withScale("floor", 12345n, D(5, 3), -1)).toEqual(["decimal(3,0)", 10n]);
    expect(withScale("floor", 12345n, D(5, 3), 1)).toEqual(["decimal(4,1)", 123n]);
    expect(withScale("ceil", -12345n, D(5, 3), -1)).toEqual(["decimal(3,0)", -10n]);
    expect(withScale("floor", 12345, INT, -2)).toEqual(["decimal(11,0)", 12300n]);
  });
});
