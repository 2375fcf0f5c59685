import { describe, expect, test } from "bun:test";
import {
  isCanonicalLong, LONG_MAX, LONG_MIN, longFromBigInt, longFromDigits, longFromIntegralDouble, longToBigInt,
  longToDouble, longToFloat, toCanonicalLong, wrapLong,
} from "./long.ts";

describe("the long representation", () => {
  test("numbers while safe, bigints beyond: one form per value", () => {
    expect(longFromBigInt(9007199254740991n)).toBe(9007199254740991);
    expect(longFromBigInt(-9007199254740991n)).toBe(-9007199254740991);
    expect(longFromBigInt(9007199254740992n)).toBe(9007199254740992n);
    expect(longFromBigInt(-9007199254740993n)).toBe(-9007199254740993n);
    expect(longFromBigInt(0n)).toBe(0);
    for (const v of [0, 1, -1, 9007199254740991, 9007199254740992n, LONG_MAX, LONG_MIN]) expect(isCanonicalLong(v)).toBe(true);
    for (const v of [5n, 9007199254740992, 1.5, -0, 2n ** 63n, NaN, "1"]) expect(isCanonicalLong(v)).toBe(false);
  });

  test("parsing digits keeps every digit", () => {
    expect(longFromDigits("1234567890123456789")).toBe(1234567890123456789n);
    expect(longFromDigits("1234567890123456788")).toBe(1234567890123456788n);
    expect(longFromDigits("9007199254740993")).toBe(9007199254740993n);
    expect(longFromDigits("-9223372036854775808")).toBe(LONG_MIN);
    expect(longFromDigits("9223372036854775808")).toBe(null);
    expect(longFromDigits("-0")).toBe(0);
    expect(longFromDigits("42")).toBe(42);
  });

  test("boundary conversions", () => {
    expect(toCanonicalLong(7n)).toBe(7);
    expect(toCanonicalLong(2 ** 60)).toBe(2n ** 60n);
    expect(toCanonicalLong(2 ** 63)).toBe(null);
    expect(toCanonicalLong(1.5)).toBe(null);
    expect(toCanonicalLong(-0)).toBe(0);
    expect(longFromIntegralDouble(2 ** 63)).toBe(LONG_MAX);
    expect(longFromIntegralDouble(-(2 ** 63))).toBe(LONG_MIN);
    expect(longFromIntegralDouble(2 ** 60)).toBe(2n ** 60n);
    expect(wrapLong(LONG_MAX + 1n)).toBe(LONG_MIN);
    expect(longToBigInt(5)).toBe(5n);
  });

  test("to double and float as Java rounds", () => {
    expect(longToDouble(9007199254740993n)).toBe(9007199254740992);
    expect(longToDouble(LONG_MAX)).toBe(9223372036854775807);
    // 2^24 + 1 + 2^-… : a single rounding to float. 0x1000001_0000001 rounds up only when rounded once.
    const v = (1n << 53n) + (1n << 29n) + 1n; // just above a float midpoint
    expect(longToFloat(v)).toBe(Math.fround(2 ** 53 + 2 ** 30));
    expect(Math.fround(Number(v))).toBe(2 ** 53); // rounding twice lands one float lower
    expect(longToFloat(16777217)).toBe(16777216);
    expect(longToFloat(-LONG_MAX)).toBe(-(2 ** 63));
  });
});
