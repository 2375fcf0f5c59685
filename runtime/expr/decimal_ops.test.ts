import { describe, expect, test } from "bun:test";
import {
  decimalFromDouble, decimalToDouble, digitCount, divRound, parseBigDecimal, rescale, toJavaString, toPlainString,
  toPrecision, toStrippedPlainString,
} from "./decimal_ops.ts";
import { divideMathContext } from "./arith.ts";

describe("decimal helpers", () => {
  test("rounding modes", () => {
    expect(divRound(25n, 10n, "HALF_UP")).toBe(3n);
    expect(divRound(-25n, 10n, "HALF_UP")).toBe(-3n);
    expect(divRound(25n, 10n, "HALF_EVEN")).toBe(2n);
    expect(divRound(35n, 10n, "HALF_EVEN")).toBe(4n);
    expect(divRound(-21n, 10n, "FLOOR")).toBe(-3n);
    expect(divRound(21n, 10n, "CEILING")).toBe(3n);
    expect(divRound(-29n, 10n, "DOWN")).toBe(-2n);
    expect(rescale(12345n, 3, 1)).toBe(123n);
    expect(rescale(15n, 1, 3)).toBe(1500n);
    expect(toPrecision(995n, 2, 3, 1)).toBe(100n);
    expect(toPrecision(9995n, 2, 3, 1)).toBe(null);
  });

  test("text forms", () => {
    expect(toPlainString(150n, 2)).toBe("1.50");
    expect(toPlainString(-5n, 3)).toBe("-0.005");
    expect(toPlainString(12n, 0)).toBe("12");
    expect(toPlainString(12n, -2)).toBe("1200");
    expect(toJavaString(100000n, 15)).toBe("1.00000E-10");
    expect(toJavaString(21474836480n, 1)).toBe("2147483648.0");
    expect(toJavaString(1n, 7)).toBe("1E-7");
    expect(toJavaString(1n, 6)).toBe("0.000001");
    expect(toStrippedPlainString(5500000n, 6)).toBe("5.5");
    expect(toStrippedPlainString(0n, 6)).toBe("0");
    expect(digitCount(0n)).toBe(1);
    expect(digitCount(-12345n)).toBe(5);
  });

  test("parsing and doubles", () => {
    expect(parseBigDecimal("1.5e2")).toEqual({ unscaled: 15n, scale: -1 });
    expect(parseBigDecimal("-.5")).toEqual({ unscaled: -5n, scale: 1 });
    expect(parseBigDecimal("1.")).toEqual({ unscaled: 1n, scale: 0 });
    expect(parseBigDecimal(".")).toBe(null);
    expect(parseBigDecimal("1e")).toBe(null);
    expect(parseBigDecimal(" 1")).toBe(null);
    expect(decimalFromDouble(0.1)).toEqual({ unscaled: 1n, scale: 1 });
    expect(decimalFromDouble(1e20)).toEqual({ unscaled: 100000000000000000000n, scale: 0 });
    expect(decimalToDouble(1n, 1)).toBe(0.1);
    expect(decimalToDouble(123n, 0)).toBe(123);
  });

  test("division with 39 significant digits", () => {
    expect(divideMathContext(1n, 0, 3n, 0)).toEqual([333333333333333333333333333333333333333n, 39]);
    expect(divideMathContext(10n, 0, 4n, 0)).toEqual([250000000000000000000000000000000000000n, 38]);
    expect(divideMathContext(0n, 0, 7n, 0)).toEqual([0n, 0]);
  });
});
