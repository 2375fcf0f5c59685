import { describe, expect, test } from "bun:test";
import { BYTE, DayTimeIntervalType, DecimalType, DOUBLE, INT, LONG, NULL, SHORT, STRING } from "../../types/data_type.ts";
import { call, expectError, typeOf } from "../expr_test_kit.ts";

describe("negative / unary minus", () => {
  test("numbers and intervals", () => {
    expect(call("negative", [[5, INT]])).toBe(-5);
    expect(call("unary_minus", [[15n, new DecimalType(2, 1)]])).toBe(-15n);
    expect(call("negative", [[86400000000, new DayTimeIntervalType(0, 0)]])).toBe(-86400000000);
    expect(Object.is(call("negative", [[0, DOUBLE]]), -0)).toBe(true);
    expect(Object.is(call("negative", [[0, INT]]), 0)).toBe(true);
    expect(typeOf("negative", [["1", STRING]])).toBe("double");
    expect(call("negative", [["1.5", STRING]])).toBe(-1.5);
    expect(typeOf("negative", [[null, NULL]])).toBe("double");
  });

  test("overflow of the most negative value", () => {
    const msg = (t: string) => `[ARITHMETIC_OVERFLOW] ${t} overflow. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`;
    expectError(() => call("negative", [[-2147483648, INT]]), "ARITHMETIC_OVERFLOW", msg("integer"));
    expectError(() => call("negative", [[-128, BYTE]]), "ARITHMETIC_OVERFLOW", msg("byte"));
    expectError(() => call("negative", [[-32768, SHORT]]), "ARITHMETIC_OVERFLOW", msg("short"));
    expectError(() => call("negative", [[-9223372036854775808n, LONG]]), "ARITHMETIC_OVERFLOW", msg("long"));
    expect(call("negative", [[-2147483648, INT]], { ansi: false })).toBe(-2147483648);
  });

  test("positive is the identity", () => {
    expect(call("positive", [[5, INT]])).toBe(5);
    expect(typeOf("unary_positive", [["5", STRING]])).toBe("double");
  });
});
